//! Files from the window: a save or export never replaces a file without asking, and the
//! window keeps drawing while a large workbook is read on a worker thread.

use std::time::{Duration, Instant};

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::io::{ExportOptions, export_xlsx, import_xlsx};
use rbf_targets::ui::{App, sample_document};

mod window;

fn harness() -> Harness<'static, App> {
    window::harness_sized(sample_document(), Vec2::new(1600.0, 900.0))
}

/// Opens Export (Ctrl+E) in the in-app browser, in `folder`, with the file name `name`.
fn export_as(harness: &mut Harness<'_, App>, folder: &std::path::Path, name: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("Folder").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Folder")
        .type_text(&folder.display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("File name").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("File name").type_text(name);
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
}

#[test]
fn export_asks_before_replacing_a_file_and_cancel_keeps_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("final targets.xlsx");
    std::fs::write(&path, b"the signed copy").expect("write");
    let mut harness = harness();
    export_as(&mut harness, folder.path(), "final targets");
    harness.get_by_label_contains("final targets.xlsx already exists in this folder");
    harness.get_by_label("Cancel").click();
    harness.run();
    // Back to the browser, the file untouched.
    assert_eq!(std::fs::read(&path).expect("read"), b"the signed copy");
    harness.get_by_label("File name");
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Replace").click();
    harness.run();
    let imported = import_xlsx(&path).expect("the replaced file is the export");
    assert_eq!(
        imported.project.indicators.len(),
        harness.state().document().project().indicators.len()
    );
}

#[test]
fn a_new_file_name_is_written_without_asking() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut harness = harness();
    export_as(&mut harness, folder.path(), "new targets");
    assert!(harness.query_by_label_contains("already exists").is_none());
    assert!(folder.path().join("new targets.xlsx").is_file());
}

#[test]
fn the_window_keeps_drawing_while_a_large_workbook_opens() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("large.xlsx");
    let project = rbf_targets::synthetic::large_project(10_000, 100);
    export_xlsx(&project, &path, ExportOptions::default()).expect("export");
    let mut harness = harness();
    harness.state_mut().open_file(&path);
    // Reading 10,000 rows takes longer than a frame waits: the window says what it does.
    // (A window is measured in its first frame and shown from the second.)
    harness.step();
    harness.step();
    harness.get_by_label_contains("Opening large.xlsx…");
    assert!(harness.state().is_busy());
    // And it goes on drawing frames until the workbook is read.
    let started = Instant::now();
    let mut frames = 0;
    while harness.state().is_busy() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the workbook is still being read"
        );
        harness.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(frames > 1, "{frames} frames while reading");
    harness.run();
    harness.get_by_label_contains("Open large.xlsx?");
}
