//! English and Spanish: no text of the window is missing in either language.
//!
//! Every text is written as a pair (`lang.t("…", "…")`, `tr!(lang, "…", "…", …)` or
//! `Words::new("…", "…")`), so the compiler
//! already refuses a pair with one side missing. These tests check what the compiler cannot:
//! that no text reaches the window outside a pair, and that the Spanish side is really
//! Spanish.

use std::path::{Path, PathBuf};

/// Calls whose string arguments are identifiers, not text a user reads.
const NOT_TEXT: &[&str] = &[
    "id_salt(",
    "Id::new(",
    "Id::unique(",
    "from_id_salt(",
    "ViewportId::from_hash_of(",
    "load_texture(",
    "Plot::new(",
    "Grid::new(",
    "Panel::top(",
    "Panel::bottom(",
    "Panel::left(",
    "Panel::right(",
    "eprintln!(",
    "var_os(",
    "env::var(",
    "storage_dir(",
    "include_bytes!(",
    "with_app_id(",
    "on_path(",
    "run_native(",
    "get_value(",
    "Some(",
    "matches!(",
];

/// A string literal in the source: its text, line and the code just before it.
struct Literal {
    text: String,
    line: usize,
    before: String,
}

/// The string literals of `source` before its tests, outside comments and char literals.
fn literals(source: &str) -> Vec<Literal> {
    let source = source.split("#[cfg(test)]").next().unwrap_or(source);
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut code = String::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            continue;
        }
        if c == '\'' && chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
            i += 4;
            continue;
        }
        if c == '"' {
            let start_line = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    text.push(chars[i]);
                    i += 1;
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                text.push(chars[i]);
                i += 1;
            }
            let before: String = code.trim_end().chars().rev().take(60).collect();
            found.push(Literal {
                text,
                line: start_line,
                before: before.chars().rev().collect(),
            });
            code.push_str("\"…\"");
            i += 1;
            continue;
        }
        code.push(c);
        i += 1;
    }
    found
}

/// Literals that are the same in every language: file formats, platforms, the program's
/// name.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "rbf-targets",
    "ron",
    "xlsx",
    "xlsm",
    "xls",
    "ods",
    "windows",
    "macos",
    "recovery",
    "zenity",
    "{:.1} pts",
    // Key names, as keyboards print them in both languages.
    "Cmd",
    "Ctrl",
    "Alt",
    "Option",
    "Esc",
];

/// True when the text has a word in it (two lowercase letters in a row) outside `{…}`
/// placeholders; abbreviations such as "DEFF", "OK" or "US$" read the same in both languages.
fn has_words(text: &str) -> bool {
    let mut depth = 0;
    let mut outside = String::new();
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let outside = outside.replace("rbf-targets", "").replace(".ron", "");
    !SAME_IN_EVERY_LANGUAGE.contains(&text)
        && outside
            .chars()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].is_lowercase() && w[1].is_lowercase())
}

fn opens_pair(before: &str) -> bool {
    let before = before.trim_end();
    // `lang.t("…", "…")`, `Lang::En.t(…)`, `Words::new("…", "…")`.
    if before.ends_with(".t(") || before.ends_with("Words::new(") {
        return true;
    }
    // `tr!(lang, "…", "…", …)`: the language, then the English text.
    before.rfind("tr!(").is_some_and(|at| {
        let language = before[at + 4..].trim();
        language.strip_suffix(',').is_some_and(|l| {
            let l = l.trim();
            !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || "_.:".contains(c))
        })
    })
}

fn is_identifier_argument(before: &str) -> bool {
    let before = before.trim_end().trim_end_matches('(');
    NOT_TEXT
        .iter()
        .any(|call| before.ends_with(call.trim_end_matches('(')))
}

/// Texts of `file` that reach the user outside a language pair.
fn unpaired(file: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(file).expect("source file");
    let mut problems = Vec::new();
    let mut previous_opened = false;
    for literal in literals(&source) {
        let opened = opens_pair(&literal.before);
        // The second text of a pair follows the first one and a comma.
        let second_of_pair = previous_opened && literal.before.trim_end().ends_with("\"…\",");
        if has_words(&literal.text)
            && !opened
            && !second_of_pair
            && !is_identifier_argument(&literal.before)
        {
            problems.push(format!(
                "{}:{}: \"{}\"",
                file.display(),
                literal.line,
                literal.text
            ));
        }
        previous_opened = opened;
    }
    problems
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("source folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_text_of_the_window_is_written_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let problems: Vec<String> = ["src/ui", "src/ui/app"]
        .iter()
        .flat_map(|dir| rust_files(&root.join(dir)))
        .flat_map(|f| unpaired(&f))
        .collect();
    assert!(
        problems.is_empty(),
        "{} texts of the window are not written as an English–Spanish pair (lang.t(\"…\", \"…\") \
         or tr!(lang, \"…\", \"…\", …)):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_a_text_outside_a_pair() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("example.rs");
    std::fs::write(
        &file,
        "fn ui(ui: &mut Ui) {\n    ui.label(lang.t(\"Targets\", \"Metas\"));\n    \
         ui.label(tr!(lang, \"{n} rows\", \"{n} filas\"));\n    \
         ui.push_id(Id::new(\"grid\"), |_| {});\n    \
         ui.label(\"Benefit-cost ratio\"); // the one left out\n    ui.label(\"{:.2}\");\n}\n",
    )
    .expect("written");
    let problems = unpaired(&file);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(":5: \"Benefit-cost ratio\""),
        "{problems:?}"
    );
}

/// Pairs (English, Spanish) written in `file`.
fn pairs(file: &Path) -> Vec<(String, String, usize)> {
    let source = std::fs::read_to_string(file).expect("source file");
    let literals = literals(&source);
    literals
        .windows(2)
        .filter(|w| opens_pair(&w[0].before) && w[1].before.trim_end().ends_with("\"…\","))
        .map(|w| (w[0].text.clone(), w[1].text.clone(), w[0].line))
        .collect()
}

#[test]
fn the_spanish_text_of_every_pair_is_written() {
    // Words that are the same in both languages.
    const SAME: &[&str] = &["Error", "error", "no", "Final", "(SMI)"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "src",
        "src/ui",
        "src/ui/app",
        "src/model",
        "src/io",
        "src/io/import",
        "src/present",
        "src/document",
    ] {
        files.extend(rust_files(&root.join(dir)));
    }
    let mut count = 0;
    let mut untranslated = Vec::new();
    for file in &files {
        for (english, spanish, line) in pairs(file) {
            count += 1;
            if spanish.trim().is_empty()
                || (english == spanish && has_words(&english) && !SAME.contains(&english.as_str()))
            {
                untranslated.push(format!("{}:{line}: \"{english}\"", file.display()));
            }
        }
    }
    assert!(
        count > 500,
        "only {count} pairs found: is the check still reading them?"
    );
    assert!(
        untranslated.is_empty(),
        "{} pairs have no Spanish text of their own:\n{}",
        untranslated.len(),
        untranslated.join("\n")
    );
}
