//! The structure the README's "Architecture" describes, checked: the model speaks no language
//! and reads no clock, its modules import each other in one direction only, every column
//! title is written once (in the schema), and no source file or line outgrows what a reader
//! and rustfmt can carry.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rbf_targets::schema::{
    Column, ProgramInput, RoundColumn, RoundsColumn, TargetsColumn, ValuesColumn,
    VerificationColumn, Words,
};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("source file")
}

/// The code of `source` before its tests.
fn code(source: &str) -> &str {
    source.split("#[cfg(test)]").next().unwrap_or(source)
}

#[test]
fn the_model_speaks_no_language_and_reads_no_clock() {
    let forbidden = [
        "i18n",
        "Lang",
        "tr!(",
        ".t(\"",
        "SystemTime",
        "Instant",
        "thread_local",
    ];
    let mut found = Vec::new();
    for file in rust_files(&root().join("src/model")) {
        for (n, line) in code(&read(&file)).lines().enumerate() {
            for word in forbidden {
                if line.contains(word) && !line.trim_start().starts_with("//") {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the model uses words or the clock:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_language_lives_in_hidden_state() {
    let mut found = Vec::new();
    for file in rust_files(&root().join("src")) {
        let source = read(&file);
        for word in ["thread_local!", "set_lang(", "fn lang()"] {
            if code(&source).contains(word) {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The model module that defines each public name (struct, enum, fn, const, type, trait).
fn definitions(files: &[(String, String)]) -> BTreeMap<String, String> {
    let mut defined = BTreeMap::new();
    for (module, source) in files {
        for line in code(source).lines() {
            let line = line.trim_start();
            let Some(rest) = line.strip_prefix("pub ") else {
                continue;
            };
            let rest = rest.trim_start_matches("(crate) ");
            for kind in ["struct ", "enum ", "fn ", "const ", "type ", "trait "] {
                if let Some(name) = rest.strip_prefix(kind) {
                    let name: String = name
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    defined.entry(name).or_insert_with(|| module.clone());
                }
            }
        }
    }
    defined
}

#[test]
fn the_model_modules_form_no_cycle() {
    let dir = root().join("src/model");
    let files: Vec<(String, String)> = rust_files(&dir)
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "mod.rs"))
        .map(|f| {
            let module = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (module, read(f))
        })
        .collect();
    let defined = definitions(&files);
    // Edges: a module uses another by `super::module::` or by a name the other defines,
    // brought in through the model's re-exports (`use super::{Name, …}`).
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, source) in &files {
        let code = code(source);
        let mut uses = BTreeSet::new();
        for (other, _) in &files {
            if other != module && code.contains(&format!("super::{other}::")) {
                uses.insert(other.clone());
            }
        }
        for statement in code.split("use super::{").skip(1) {
            let list = statement.split('}').next().unwrap_or_default();
            for name in list.split(',').map(str::trim) {
                if let Some(other) = defined.get(name).filter(|m| *m != module) {
                    uses.insert(other.clone());
                }
            }
        }
        edges.insert(module.clone(), uses);
    }
    // Depth-first search for a cycle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for module in edges.keys() {
        let cycle = visit(module, &edges, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "model modules import each other: {cycle:?}"
        );
    }
    // The check sees the imports it is meant to see.
    assert!(edges["compute"].contains("validate") && edges["validate"].contains("links"));
}

/// Every title the schema writes, in both languages.
fn titles() -> Vec<Words> {
    fn of<C: Column>() -> Vec<Words> {
        C::iter().map(C::title).collect()
    }
    let mut all = Vec::new();
    all.extend(of::<TargetsColumn>());
    all.extend(of::<ValuesColumn>());
    all.extend(of::<ProgramInput>());
    all.extend(of::<VerificationColumn>());
    all.extend(of::<RoundColumn>());
    all.extend(of::<RoundsColumn>());
    use rbf_targets::schema::labels::*;
    all.extend([
        TARGETS_SHEET,
        VALUES_SHEET,
        CENSUS_SHEET,
        SENSITIVITY_SHEET,
        VERIFICATION_SHEET,
        ROUNDS_SHEET,
        AUDIT_SHEET,
        LOG,
        SCENARIOS,
        CHARTS,
        SURVEY_BUDGET,
        PERFORMANCE_TRANCHE,
        TRANCHE_RULE,
        SHARE_REQUIRED,
    ]);
    all
}

#[test]
fn each_column_title_and_sheet_name_is_written_once_in_the_schema() {
    let texts: BTreeSet<&str> = titles()
        .iter()
        .flat_map(|w| [w.en, w.es])
        .filter(|t| t.chars().count() > 2)
        .collect();
    let mut found = Vec::new();
    for file in rust_files(&root().join("src")) {
        let tests = file.file_name().is_some_and(|n| n == "tests.rs");
        if file.starts_with(root().join("src/schema")) || tests {
            continue;
        }
        let source = read(&file);
        for (n, line) in code(&source).lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for text in &texts {
                if line.contains(&format!("\"{text}\"")) {
                    found.push(format!("{}:{}: \"{text}\"", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "column titles written outside the schema:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_source_file_is_over_800_lines_and_no_line_over_100_characters() {
    let mut found = Vec::new();
    for file in rust_files(&root().join("src")) {
        let source = read(&file);
        let lines = source.lines().count();
        if lines > 800 {
            found.push(format!("{}: {lines} lines", file.display()));
        }
        for (n, line) in source.lines().enumerate() {
            if line.chars().count() > 100 {
                found.push(format!(
                    "{}:{}: {} characters",
                    file.display(),
                    n + 1,
                    line.len()
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
