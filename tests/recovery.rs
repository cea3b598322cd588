//! Never lose an edit: autosave reaches a recovery file within 2 seconds of a change; after a
//! kill (SIGKILL) the next start offers the changes back; failed saves keep the document dirty.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::document::Document;
use rbf_targets::i18n::Lang;
use rbf_targets::io::recovery::{read_recovery, recovery_path};
use rbf_targets::io::{el_salvador_sample, load, save};
use rbf_targets::model::Project;
use rbf_targets::present::audit::value;
use rbf_targets::ui::App;

mod window;

const CHILD_DIR: &str = "RBF_AUTOSAVE_CHILD_DIR";

fn harness(document: Document, data_dir: &Path) -> Harness<'static, App> {
    let data_dir = data_dir.to_owned();
    let mut harness = Harness::builder()
        .with_size(Vec2::new(2000.0, 1000.0))
        .build_eframe(move |cc| {
            App::new(cc, document)
                .without_native_dialogs()
                .with_language(rbf_targets::i18n::Lang::En)
                .with_recovery_dir(data_dir)
        });
    harness.run();
    harness
}

fn inputs(project: &Project) -> Project {
    Project {
        audit: Vec::new(),
        ..project.clone()
    }
}

/// Run by `a_killed_session_loses_nothing` in a child process: edits a saved project in the
/// real app, waits until autosave has written the last edit, reports how long that took, and
/// then keeps running until it is killed.
#[test]
#[ignore = "run as a child process by a_killed_session_loses_nothing"]
fn autosave_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR).map(PathBuf::from) else {
        return;
    };
    let file = dir.join("agreed.ron");
    let document = Document::new(load(&file).expect("saved project"), Some(file.clone()));
    let mut harness = harness(document, &dir.join("data"));
    window::type_and_commit(&mut harness, "Baseline row 1", "50");
    window::type_and_commit(&mut harness, "Negotiated target row 2", "93");
    let last_edit = Instant::now();
    let recovery = recovery_path(Some(&file), &dir.join("data"));
    loop {
        harness.step();
        let written = read_recovery(&recovery)
            .ok()
            .and_then(|r| r.project.indicators[1].negotiated_target);
        if written == Some(0.93) {
            break;
        }
        assert!(
            last_edit.elapsed() < Duration::from_secs(10),
            "autosave never wrote the last edit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let delay = last_edit.elapsed();
    std::fs::write(dir.join("ready"), format!("{}", delay.as_secs_f64())).expect("marker");
    loop {
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_killed_session_loses_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    let file = dir.join("agreed.ron");
    save(&el_salvador_sample().expect("sample"), &file).expect("save");

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "autosave_child", "--nocapture"])
        .env(CHILD_DIR, dir)
        .spawn()
        .expect("child starts");
    let started = Instant::now();
    while !dir.join("ready").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the child never finished its edits"
        );
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the child stopped early: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // SIGKILL: no chance to save or clean up.
    child.kill().expect("kill");
    let _ = child.wait();

    let delay: f64 = std::fs::read_to_string(dir.join("ready"))
        .expect("marker")
        .parse()
        .expect("seconds");
    eprintln!("the last edit reached the recovery file {delay:.3} s after it was typed");
    assert!(
        delay < 2.0,
        "the last edit reached the recovery file after {delay} s"
    );

    // The next start offers the changes, says what differs, and restores them.
    let saved = load(&file).expect("the saved file is intact");
    let mut harness = harness(
        Document::new(saved.clone(), Some(file.clone())),
        &dir.join("data"),
    );
    harness.get_by_label_contains("Unsaved changes were recovered");
    harness.get_by_label_contains("baseline: 42.00% to 50.00%");
    harness.get_by_label_contains("negotiated target: 95.00% to 93.00%");
    harness.get_by_label("Restore them").click();
    harness.run();
    let restored = harness.state().document().project().clone();
    assert_eq!(restored.indicators[0].baseline, 0.50);
    assert_eq!(restored.indicators[1].negotiated_target, Some(0.93));
    assert!(
        harness.state().document().is_dirty(),
        "restored changes are not saved yet"
    );
    // The saved file itself was never touched.
    assert_eq!(inputs(&load(&file).expect("file")), inputs(&saved));
    // Saving removes the recovery file.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!recovery_path(Some(&file), &dir.join("data")).exists());
    assert_eq!(load(&file).expect("saved").indicators[0].baseline, 0.50);
}

#[test]
fn discarded_changes_are_not_offered_again() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let mut harness = harness(
        Document::new(el_salvador_sample().expect("sample"), None),
        &data,
    );
    window::type_and_commit(&mut harness, "Weight row 3", "2");
    let recovery = recovery_path(None, &data);
    // Autosave writes once typing pauses (a quarter of a second).
    let typed = Instant::now();
    while !recovery.exists() && typed.elapsed() < Duration::from_secs(5) {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        recovery.exists(),
        "an untitled document is kept in the data folder"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert!(
        !recovery.exists(),
        "discarded changes leave no recovery file"
    );
}

#[test]
fn a_failed_save_keeps_the_document_dirty_and_says_why() {
    let folder = tempfile::tempdir().expect("temp dir");
    // A file where a folder should be: writing fails even for root.
    let blocker = folder.path().join("not-a-folder");
    std::fs::write(&blocker, b"").expect("write");
    let path = blocker.join("agreed.ron");
    let mut harness = harness(
        Document::new(el_salvador_sample().expect("sample"), Some(path.clone())),
        &folder.path().join("data"),
    );
    window::type_and_commit(&mut harness, "Weight row 1", "3");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().document().is_dirty());
    harness.get_by_label_contains("cannot save to");
    harness.get_by_label_contains("the document is not saved");
    assert!(!path.exists());
}

#[test]
fn the_log_tab_shows_who_changed_what_and_why() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut harness = harness(
        Document::new(el_salvador_sample().expect("sample"), None),
        &folder.path().join("data"),
    );
    window::type_and_commit(
        &mut harness,
        "Reason for the changes",
        "agreed with the ministry, day 2",
    );
    window::type_and_commit(&mut harness, "Negotiated target row 7", "58");
    harness.get_by_label("Log").click();
    harness.run();
    harness.get_by_label(
        "Targets row 7 (Parasite treatment in children aged 12-59 months), negotiated target",
    );
    harness.get_by_label("agreed with the ministry, day 2");
    let entry = harness
        .state()
        .document()
        .project()
        .audit
        .last()
        .cloned()
        .expect("entry");
    assert_eq!(
        (
            value(&entry.from, Lang::En).as_str(),
            value(&entry.to, Lang::En).as_str()
        ),
        ("60.00%", "58.00%")
    );
}
