//! The `compute` command as other tools call it: schema, exit codes, messages.

use std::path::PathBuf;
use std::process::{Command, Output};

fn rbf_targets(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rbf-targets"))
        .args(args)
        // Messages are checked in English whatever this machine's locale.
        .env("LANGUAGE", "en")
        .output()
        .expect("the binary runs")
}

fn sample_path() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples/el_salvador_sm2015.ron")
        .display()
        .to_string()
}

fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

#[test]
fn compute_json_has_the_schema_and_the_published_numbers() {
    let output = rbf_targets(&["compute", &sample_path(), "--json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = json_of(&output);
    assert_eq!(json["format"], "rbf-targets/compute/1");
    for key in [
        "minimum_impact",
        "present_value_factor",
        "total_cost",
        "total_benefit",
        "benefit_cost_ratio",
        "surplus",
        "indicators",
        "problems",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    let d = json["minimum_impact"].as_f64().unwrap_or(f64::NAN);
    assert!((d - 0.079).abs() < 0.0005, "d = {d}");
    let ratio = json["benefit_cost_ratio"].as_f64().unwrap_or(f64::NAN);
    assert!((ratio - 1.6).abs() < 0.05, "BCR = {ratio}");
    assert_eq!(json["total_cost"].as_f64(), Some(9_750_000.0));
    let surplus = json["surplus"].as_f64().unwrap_or(f64::NAN);
    let benefit = json["total_benefit"].as_f64().unwrap_or(f64::NAN);
    assert!((surplus - (benefit - 9_750_000.0)).abs() < 1e-6);

    let indicators = json["indicators"].as_array().expect("indicators array");
    assert_eq!(indicators.len(), 10);
    let keys = [
        "name",
        "condition",
        "direction",
        "population",
        "baseline",
        "annual_change",
        "counterfactual",
        "unit_value",
        "present_value",
        "weight",
        "model_target",
        "bounded_target",
        "bound_applied",
        "negotiated_target",
        "locked",
        "final_target",
        "impact",
        "benefit",
    ];
    for indicator in indicators {
        for key in keys {
            assert!(indicator.get(key).is_some(), "indicator misses {key}");
        }
    }
    let anemia = &indicators[4];
    assert_eq!(anemia["direction"], "lower");
    assert_eq!(anemia["annual_change"].as_f64(), Some(-0.007));
    let anc = &indicators[1];
    assert_eq!(anc["bound_applied"], true);
    assert_eq!(anc["bounded_target"].as_f64(), Some(0.95));
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(0));
}

#[test]
fn compute_table_is_readable() {
    let output = rbf_targets(&["compute", &sample_path()]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        line("Minimum common impact d").ends_with("0.0790 (7.90 points)"),
        "{text}"
    );
    assert!(
        line("Benefit-cost ratio").ends_with("1.600 (required 1)"),
        "{text}"
    );
    assert!(text.contains("Modern contraceptive prevalence rate"));
}

#[test]
fn invalid_input_exits_1_and_names_row_and_field() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("bad.ron");
    let text = std::fs::read_to_string(sample_path())
        .expect("sample")
        .replace("baseline: 0.49", "baseline: 4.9");
    std::fs::write(&path, text).expect("write");
    let output = rbf_targets(&["compute", &path.display().to_string(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "Targets row 3 (Minimum of four antenatal care visits), baseline: \
        490.0% is outside 0%–100%"
        ),
        "{stderr}"
    );
    // The rest is still computed and printed.
    let json = json_of(&output);
    assert_eq!(json["problems"][0]["row"], 3);
    assert_eq!(json["problems"][0]["field"], "baseline");
    assert!(json["indicators"][2]["final_target"].is_null());
    assert!(json["indicators"][0]["final_target"].is_number());
}

#[test]
fn in_spanish_the_messages_change_and_the_json_keys_and_sheet_names_do_not() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("bad.ron");
    let text = std::fs::read_to_string(sample_path())
        .expect("sample")
        .replace("baseline: 0.49", "baseline: 4.9");
    std::fs::write(&path, text).expect("write");
    let path = path.display().to_string();
    let english = rbf_targets(&["compute", &path, "--json", "--lang", "en"]);
    let spanish = rbf_targets(&["compute", &path, "--json", "--lang", "es"]);
    assert_eq!(spanish.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&spanish.stderr);
    assert!(
        stderr.contains(
            "Metas fila 3 (Minimum of four antenatal care visits), línea de base: \
            490.0% está fuera de 0%–100%"
        ),
        "{stderr}"
    );
    let (en, es) = (json_of(&english), json_of(&spanish));
    assert_eq!(es["problems"][0]["sheet"], "Targets");
    assert_eq!(es["problems"][0]["field"], "baseline");
    assert_eq!(es["indicators"], en["indicators"]);
    assert_eq!(es["benefit_cost_ratio"], en["benefit_cost_ratio"]);
    assert_ne!(es["problems"][0]["message"], en["problems"][0]["message"]);
}

#[test]
fn unreadable_files_exit_1_with_a_message() {
    let folder = tempfile::tempdir().expect("temp dir");
    let newer = folder.path().join("newer.ron");
    std::fs::write(&newer, "(format_version: 7)").expect("write");
    let output = rbf_targets(&["compute", &newer.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("written by a newer rbf-targets (file format 7")
    );

    let garbage = folder.path().join("garbage.ron");
    std::fs::write(&garbage, [0xff, 0x00, 0x13, 0x37]).expect("write");
    let output = rbf_targets(&["compute", &garbage.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not UTF-8 text"));

    let missing = folder.path().join("missing.ron");
    let output = rbf_targets(&["compute", &missing.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(rbf_targets(&["compute"]).status.code(), Some(2));
    assert_eq!(
        rbf_targets(&["compute", "x.ron", "--bogus"]).status.code(),
        Some(2)
    );
}

#[test]
fn compute_takes_a_workbook_and_writes_one() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("out.xlsx");
    let output = rbf_targets(&[
        "compute",
        &sample_path(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.is_file());

    let output = rbf_targets(&["compute", &out.display().to_string(), "--json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = json_of(&output);
    let from_ron = json_of(&rbf_targets(&["compute", &sample_path(), "--json"]));
    for key in [
        "minimum_impact",
        "total_benefit",
        "benefit_cost_ratio",
        "surplus",
    ] {
        assert_eq!(json[key], from_ron[key], "{key}");
    }
    assert_eq!(json["indicators"], from_ron["indicators"]);
    assert_eq!(
        json["import"]["differences"].as_array().map(Vec::len),
        Some(0)
    );
    assert!(
        json["import"]["read"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
}

#[test]
fn a_bad_workbook_exits_1_naming_the_cell() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("bad.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Valores").expect("name");
    for (c, h) in ["Condición", "AVAD", "Población"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    sheet.write_string(1, 0, "Materna").expect("write");
    sheet.write_number(1, 1, 100.0).expect("write");
    sheet.write_string(1, 2, "mucha gente").expect("write");
    let targets = workbook.add_worksheet();
    targets.set_name("Metas").expect("name");
    for (c, h) in ["Indicador", "Población", "Línea de base", "Costo total"]
        .iter()
        .enumerate()
    {
        targets.write_string(0, c as u16, *h).expect("write");
    }
    targets.write_string(1, 0, "mcpr").expect("write");
    targets.write_number(1, 1, 100.0).expect("write");
    targets.write_number(1, 2, 0.4).expect("write");
    targets.write_number(1, 3, 1000.0).expect("write");
    workbook.save(&path).expect("save");
    let output = rbf_targets(&["compute", &path.display().to_string(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Valores!C2: \"mucha gente\" is not a number (Population)"),
        "{stderr}"
    );
    // The workbook still opens: the JSON is printed, with null where a figure depends on
    // the cell, and the problem named.
    let json = json_of(&output);
    assert!(json["minimum_impact"].is_null());
    assert!(json["import"]["warnings"].as_array().is_some_and(|w| {
        w.iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("Valores!C2")))
    }));
}

#[test]
fn sample_size_prints_r_value_and_rounds_up() {
    let output = rbf_targets(&["sample-size", "--p1", "0.10", "--p2", "0.25"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("n = 132.7557 per round (two-proportion test"),
        "{text}"
    );
    assert!(text.contains("n rounded up = 133"), "{text}");
    // One sample, DEFF 2, power 0.8: 2 × (1.959964·√0.09 + 0.841621·√0.1875)² / 0.0225
    // = 2 × (0.5879892 + 0.3644326)² / 0.0225 = 2 × 0.9071076 / 0.0225 = 80.6318.
    let output = rbf_targets(&[
        "sample-size",
        "--p1",
        "10%",
        "--p2",
        "25",
        "--power",
        "0.8",
        "--deff",
        "2",
        "--one-sample",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("n = 80.6318"), "{text}");
    assert!(text.contains("one-sample"), "{text}");
    assert_eq!(
        rbf_targets(&["sample-size", "--p1", "0.1", "--p2", "0.1"])
            .status
            .code(),
        Some(1)
    );
    // 150 reads as 150%: a usage error.
    assert_eq!(
        rbf_targets(&["sample-size", "--p1", "0.1", "--p2", "150"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn compute_json_has_verification_and_sensitivity() {
    let json = json_of(&rbf_targets(&["compute", &sample_path(), "--json"]));
    let first = &json["indicators"][0];
    // 45% → 62%, two proportions, 90% power: 176.4 respondents (tests/verification.rs).
    let n = first["required_sample_size"].as_f64().unwrap_or(f64::NAN);
    assert!((170.0..185.0).contains(&n), "{n}");
    assert!(first.get("minimum_detectable_target").is_some() && first.get("verifiable").is_some());
    assert!(
        first["sample_size_test"]
            .as_str()
            .is_some_and(|t| t.contains("two proportions"))
    );
    let sensitivity = json["sensitivity"].as_array().expect("sensitivity");
    assert_eq!(sensitivity.len(), 7);
    assert_eq!(sensitivity[0]["parameter"], "discount_rate");
    assert!(
        json.get("rounds").is_none(),
        "the El Salvador sample has no rounds"
    );
}

#[test]
fn lang_es_prints_the_table_in_spanish() {
    let sample = sample_path();
    let spanish = Command::new(env!("CARGO_BIN_EXE_rbf-targets"))
        .args(["--lang", "es", "compute", &sample])
        .output()
        .expect("the binary runs");
    assert!(spanish.status.success());
    let text = String::from_utf8_lossy(&spanish.stdout);
    assert!(
        text.contains("Relación beneficio-costo       1.600 (exigida 1)"),
        "{text}"
    );
    assert!(
        text.contains("Impacto mínimo común d         0.0790 (7.90 puntos)"),
        "{text}"
    );
    assert!(text.contains("Indicador"), "{text}");
    // The numbers are the same in both languages.
    let english = rbf_targets(&["compute", &sample, "--lang", "en"]);
    let english = String::from_utf8_lossy(&english.stdout);
    assert!(
        english.contains("Benefit-cost ratio             1.600 (required 1)"),
        "{english}"
    );
    // The locale decides when --lang is not given.
    let from_locale = Command::new(env!("CARGO_BIN_EXE_rbf-targets"))
        .args(["compute", &sample])
        .env("LANGUAGE", "es_SV.UTF-8")
        .output()
        .expect("the binary runs");
    assert!(String::from_utf8_lossy(&from_locale.stdout).contains("Relación beneficio-costo"));
    // An unknown language is a usage error, in words.
    let unknown = rbf_targets(&["compute", &sample, "--lang", "fr"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("use en or es"));
}

#[test]
fn map_assigns_a_workbook_column_by_hand_and_the_json_lists_the_mapping() {
    let workbook = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks/appendix2_en.xlsx")
        .display()
        .to_string();
    let plain = json_of(&rbf_targets(&["compute", &workbook, "--json"]));
    let columns = &plain["import"]["tables"][1]["columns"];
    let trend = columns
        .as_array()
        .and_then(|c| c.iter().find(|c| c["header"] == "Annual change"))
        .expect("the annual change column is listed");
    assert_eq!(trend["field"], "annual_change");
    assert_eq!(trend["column"], "I");

    let output = rbf_targets(&[
        "compute",
        &workbook,
        "--json",
        "--map",
        "Annual change=ignore",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = json_of(&output);
    let indicators = json["indicators"].as_array().expect("indicators");
    assert!(
        indicators
            .iter()
            .all(|i| i["annual_change_is_default"] == true)
    );
    let trend = json["import"]["tables"][1]["columns"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["header"] == "Annual change"))
        .cloned()
        .expect("listed");
    assert_eq!(trend["field"], serde_json::Value::Null);
    assert_eq!(trend["how"], "chosen");

    // An unknown field is a usage error that lists the fields.
    let output = rbf_targets(&["compute", &workbook, "--map", "Annual change=trendy"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("annual_change"));
}

#[test]
fn an_incomplete_workbook_prints_its_json_with_nulls_and_exits_1() {
    let workbook = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks/missing_cost.xlsx")
        .display()
        .to_string();
    let output = rbf_targets(&["compute", &workbook, "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let json = json_of(&output);
    assert!(json["total_cost"].is_null());
    assert!(json["minimum_impact"].is_null());
    assert!(json["indicators"][0]["counterfactual"].is_number());
    assert_eq!(json["import"]["missing"][0], "total_cost");
    assert!(
        json["problems"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["field"] == "total_cost"))
    );
}
