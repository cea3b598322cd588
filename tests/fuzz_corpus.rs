//! Replays the fuzzing corpus (`fuzz/corpus`, grown by `cargo fuzz run TARGET` on nightly) on
//! the stable toolchain: every input the fuzzers kept, and every one that once crashed or hung,
//! goes through the same functions the fuzz targets call.

use std::path::PathBuf;

use rbf_targets::io::import::fuzzing::{formula_bytes, import_bytes, project_bytes};

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

#[test]
fn the_import_corpus_replays() {
    let inputs = corpus("import_sheets");
    assert!(!inputs.is_empty(), "fuzz/corpus/import_sheets is empty");
    for input in inputs {
        import_bytes(&input);
    }
}

#[test]
fn the_formula_corpus_replays() {
    let inputs = corpus("formula");
    assert!(!inputs.is_empty(), "fuzz/corpus/formula is empty");
    for input in inputs {
        formula_bytes(&input);
    }
}

#[test]
fn the_project_corpus_replays() {
    let inputs = corpus("project_load");
    assert!(!inputs.is_empty(), "fuzz/corpus/project_load is empty");
    for input in inputs {
        project_bytes(&input);
    }
}
