//! The room: the presenter window, the mark and its highlights (through egui_kittest on the
//! real app, by accessibility label), and the live view served to participants' browsers
//! (through an HTTP client).

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::document::Document;
use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::mark::Marked;
use rbf_targets::model::{Field, Location};
use rbf_targets::ui::App;
use window::{harness_on, type_and_commit};

mod window;

fn harness() -> Harness<'static, App> {
    harness_on(Document::new(el_salvador_sample().expect("sample"), None))
}

/// Row 1's final target as the presenter window shows it.
const PRESENTER_ROW_1: &str = "Final target 1: ";

#[test]
fn the_presenter_window_opens_follows_edits_and_closes_without_changing_anything() {
    let mut harness = harness();
    assert!(harness.query_by_label_contains(PRESENTER_ROW_1).is_none());
    // The driver is in row 1's negotiated target when the presenter window opens (in the test
    // the presenter window is drawn over the grid; on a projector it is another screen).
    harness.get_by_label("Negotiated target row 1").click();
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().presenter_open());
    // The ratio of the El Salvador sample (note, Table 1 gives d = 7.90 points; the sample's
    // negotiated targets give 1.60) and row 1's negotiated 62 %.
    harness.get_by_label("Benefit-cost ratio: 1.60");
    harness.get_by_label("Final target 1: 62.0%");

    harness
        .get_by_label("Negotiated target row 1")
        .type_text("70");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().document().project().indicators[0].negotiated_target,
        Some(0.70)
    );
    // The same frame that committed the edit drew it in the presenter window.
    harness.get_by_label("Final target 1: 70.0%");
    assert!(harness.query_by_label("Final target 1: 62.0%").is_none());

    // An idle presenter window asks for no frame.
    harness.step();
    assert!(!harness.ctx.has_requested_repaint());

    let before = harness.state().document().project().clone();
    let revision = harness.state().document().revision();
    harness.key_press(Key::F5);
    harness.run();
    assert!(!harness.state().presenter_open());
    assert!(harness.query_by_label_contains(PRESENTER_ROW_1).is_none());
    assert_eq!(harness.state().document().project(), &before);
    assert_eq!(harness.state().document().revision(), revision);
}

#[test]
fn a_mark_highlights_what_changed_after_it_and_undo_removes_the_highlight() {
    let mut harness = harness();
    // A first edit, before the mark.
    type_and_commit(&mut harness, "Negotiated target row 1", "70");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    harness.run();
    harness
        .get_by_label("Name of the mark")
        .type_text("end of day 1");
    harness.run();
    harness.get_by_label("Mark").click();
    harness.run();
    assert_eq!(mark_name(&harness).as_deref(), Some("end of day 1"));
    let document = harness.state().document();
    // Row 1's 70 % is the agreed state now: nothing differs from the mark.
    assert!(differences(&harness).is_empty());
    assert!(document.changes_since_mark().is_empty());

    type_and_commit(&mut harness, "Baseline row 3", "40");
    let baseline = difference(
        &harness,
        Location::Indicator(2),
        Marked::Input(Field::Baseline),
    )
    .expect("the baseline differs from the mark");
    assert_eq!((baseline.then, baseline.now), (Some(0.49), Some(0.40)));
    assert_eq!(harness.state().document().changes_since_mark().len(), 1);
    // The negotiated 64 % does not move with the baseline: the final target is the same.
    assert!(difference(&harness, Location::Indicator(2), Marked::FinalTarget).is_none());
    assert_eq!(
        differences(&harness),
        vec![[
            "Targets row 3 (Minimum of four antenatal care visits), baseline".to_owned(),
            "49.00%".to_owned(),
            "40.00%".to_owned()
        ]]
    );
    // A change of target is shown with what it was. (The presenter window opens after the
    // typing: in the test it is a window over the grid, on a projector another screen.)
    type_and_commit(&mut harness, "Negotiated target row 3", "66");
    harness.key_press(Key::F5);
    harness.run();
    harness.get_by_label("was 64.0%");

    // Undo twice: the target, then the baseline; nothing differs any more.
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert!(harness.query_by_label("was 64.0%").is_none());
    assert!(differences(&harness).is_empty());
    assert_eq!(mark_name(&harness).as_deref(), Some("end of day 1"));
}

/// A Values input and a program input changed after the mark differ from it too, and the
/// export carries what changed in a Changes sheet.
#[test]
fn values_and_program_inputs_differ_from_the_mark_and_the_export_lists_the_changes() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    harness.run();
    harness.get_by_label("Name of the mark").type_text("day 1");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(mark_name(&harness).as_deref(), Some("day 1"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    type_and_commit(&mut harness, "DALYs row 1", "40000");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    // The label and its cell carry the same name: the cell is the one that is not a label
    // (a box until clicked, a text input while typed in).
    let cost = "Total program cost";
    harness
        .get_by_role_and_label(egui::accesskit::Role::Unknown, cost)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, cost)
        .type_text("10000000");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let dalys = difference(
        &harness,
        Location::Condition(0),
        Marked::Input(Field::Dalys),
    )
    .expect("the DALYs differ from the mark");
    assert_eq!((dalys.then, dalys.now), (Some(31_875.0), Some(40_000.0)));
    let cost = difference(&harness, Location::Program, Marked::Input(Field::TotalCost))
        .expect("the cost differs from the mark");
    assert_eq!(
        (cost.then, cost.now),
        (Some(9_750_000.0), Some(10_000_000.0))
    );
    // More DALYs raise every value of the maternal rows: d and so the model targets move, but
    // the sample's targets are negotiated, so no final target changes.
    assert_eq!(differences(&harness).len(), 2);

    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("agreed.xlsx");
    let project = harness.state().document().project().clone();
    rbf_targets::io::export_xlsx(&project, &path, rbf_targets::io::ExportOptions::default())
        .expect("export");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("the export opens");
    let sheet = calamine::Reader::worksheet_range(&mut book, "Changes").expect("a Changes sheet");
    let text = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert!(
        text(0, 0).starts_with("Changes since the mark “day 1”"),
        "{}",
        text(0, 0)
    );
    assert_eq!(text(2, 0), "What");
    let rows: Vec<[String; 3]> = (3..5)
        .map(|r| [text(r, 0), text(r, 1), text(r, 2)])
        .collect();
    assert_eq!(
        rows,
        vec![
            [
                "Program, total program cost".to_owned(),
                "9,750,000".to_owned(),
                "10,000,000".to_owned()
            ],
            [
                "Values row 1 (Maternal conditions), DALYs".to_owned(),
                "31,875".to_owned(),
                "40,000".to_owned()
            ],
        ]
    );
    // The Changes sheet does not disturb reading the workbook back.
    let back = rbf_targets::io::import_xlsx(&path)
        .expect("the export imports")
        .project;
    assert_eq!(back.conditions[0].dalys, 40_000.0);
    assert_eq!(back.program.total_cost, 10_000_000.0);
    assert_eq!(back.indicators.len(), project.indicators.len());
    // Then the log's two entries since the mark, under the log's titles.
    assert_eq!(text(6, 0), "Time (UTC)");
    assert!(!text(7, 0).is_empty() && !text(8, 0).is_empty() && text(9, 0).is_empty());
}

fn difference(
    harness: &Harness<'_, App>,
    at: Location,
    what: Marked,
) -> Option<rbf_targets::model::mark::Difference> {
    let document = harness.state().document();
    document
        .mark()
        .difference(document.project(), document.outcome(), at, what)
}

/// What differs from the mark, as the Changes window and sheet word it.
/// The name of the project's mark, if it has one.
fn mark_name(harness: &Harness<'_, App>) -> Option<String> {
    let project = harness.state().document().project();
    project.mark.as_ref().map(|mark| mark.name.clone())
}

fn differences(harness: &Harness<'_, App>) -> Vec<[String; 3]> {
    let document = harness.state().document();
    rbf_targets::present::mark::differences(
        document.mark(),
        document.project(),
        document.outcome(),
        rbf_targets::i18n::Lang::En,
    )
}

/// A GET of `url`: status and body.
fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().expect("the server answers");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

#[test]
fn the_live_view_serves_the_page_and_the_state_follows_edits_and_refuses_changes() {
    let mut harness = harness();
    let link = harness
        .state_mut()
        .start_share("127.0.0.1:0".parse().expect("address"))
        .expect("the share starts");
    let (base, code) = link.split_once("/?code=").expect("the link holds the code");
    assert!(code.len() >= 8);

    let (status, page) = get(&link);
    assert_eq!(status, 200);
    assert!(
        page.contains("EventSource") && !page.contains("http://") && !page.contains("https://")
    );
    let (status, state) = get(&format!("{base}/state?code={code}"));
    assert_eq!(status, 200);
    let state: serde_json::Value = serde_json::from_str(&state).expect("JSON");
    assert_eq!(state["ratio"], "1.60");
    assert_eq!(state["rows"][0]["final_target"], "62.0%");
    assert_eq!(state["rows"].as_array().map(Vec::len), Some(10));

    // Without the code, or with a wrong one: 403, for every path.
    for path in [
        "/",
        "/state",
        "/events",
        "/?code=wrong",
        "/state?code=wrong1234",
    ] {
        assert_eq!(get(&format!("{base}{path}")).0, 403, "{path}");
    }
    // Nothing that would change anything is accepted.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let before = harness.state().document().project().clone();
    let state_url = format!("{base}/state?code={code}");
    let statuses = [
        agent
            .post(&state_url)
            .send("{\"ratio\":\"9\"}")
            .map(|r| r.status().as_u16()),
        agent
            .put(&state_url)
            .send("{}")
            .map(|r| r.status().as_u16()),
        agent.delete(&state_url).call().map(|r| r.status().as_u16()),
    ];
    for status in statuses {
        assert_eq!(status.expect("answered"), 405);
    }
    harness.run();
    assert_eq!(harness.state().document().project(), &before);

    // The event stream: the current view at once, then the edit within a second.
    let events = ureq::get(&format!("{base}/events?code={code}"))
        .call()
        .expect("the stream opens");
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(events.into_body().into_reader());
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if let Some(json) = line.strip_prefix("data: ")
                && sender.send(json.to_owned()).is_err()
            {
                break;
            }
        }
    });
    let first = received
        .recv_timeout(Duration::from_secs(5))
        .expect("a first view");
    assert!(first.contains("\"final_target\":\"62.0%\""));
    type_and_commit(&mut harness, "Negotiated target row 1", "70");
    let edited = Instant::now();
    let next = received
        .recv_timeout(Duration::from_secs(1))
        .expect("the edit within 1 s");
    assert!(edited.elapsed() < Duration::from_secs(1));
    let view: serde_json::Value = serde_json::from_str(&next).expect("JSON");
    assert_eq!(view["rows"][0]["final_target"], "70.0%");
    assert_eq!(view["rows"][0]["changed"], "62.0% → 70.0%");
    assert_ne!(view["ratio"], "1.60");

    // Stopping the share closes the server.
    drop(harness);
    assert!(ureq::get(&state_url).call().is_err());
}

/// A real browser (headless Chromium) loads the page, runs its script and shows the ratio and
/// every final target; skipped, saying so, where Chromium is not installed.
#[test]
fn a_real_browser_shows_the_ratio_and_the_targets() {
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: Chromium is not installed (./test installs it)");
        return;
    };
    let mut harness = harness();
    let link = harness
        .state_mut()
        .start_share("127.0.0.1:0".parse().expect("address"))
        .expect("the share starts");
    let profile = tempfile::tempdir().expect("temp dir");
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--timeout=4000", "--dump-dom", &link])
        .output()
        .expect("Chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(
        dom.contains("<span id=\"ratio\" class=\"good\">1.60</span>"),
        "the page shows no ratio: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let project = harness.state().document().project().clone();
    let outcome = harness.state().document().outcome().clone();
    for (i, indicator) in project.indicators.iter().enumerate() {
        let target = outcome.indicators[i]
            .targets
            .expect("computed")
            .final_target;
        let shown = rbf_targets::text::format_target(target);
        assert!(
            dom.contains(&format!("<td class=\"final\">{shown}"))
                || dom.contains(&format!("<td class=\"final\" title=\"ceiling\">{shown} ▲")),
            "{}: {shown} is not on the page",
            indicator.name
        );
    }
}
