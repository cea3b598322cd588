//! Frame time of the real window (through egui_kittest, without a GPU) on a 10,000-row
//! document: idle, scrolling the Targets grid, and typing in a cell. The harness also builds
//! the accessibility tree every frame, which a plain window does only for a screen reader, so
//! these figures are upper bounds.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::document::Document;
use rbf_targets::synthetic::large_project;
use rbf_targets::ui::App;

fn harness(rows: usize) -> Harness<'static, App> {
    let document = Document::new(large_project(rows, 100), None);
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1600.0, 900.0))
        .build_eframe(move |cc| App::new(cc, document).without_native_dialogs());
    harness.run();
    harness
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("ui_frame_10000_rows");
    let mut idle = harness(10_000);
    group.bench_function("idle", |b| b.iter(|| idle.step()));

    let mut scrolling = harness(10_000);
    let pointer = scrolling.get_by_label("Baseline row 3").rect().center();
    scrolling
        .input_mut()
        .events
        .push(Event::PointerMoved(pointer));
    scrolling.step();
    let mut down = true;
    group.bench_function("scroll", |b| {
        b.iter(|| {
            let delta = if down { -120.0 } else { 120.0 };
            down = !down;
            scrolling.input_mut().events.push(Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: Vec2::new(0.0, delta),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            });
            scrolling.step();
        })
    });

    let mut editing = harness(10_000);
    editing.get_by_label("Baseline row 2").click();
    editing.run();
    let mut digit = 0u8;
    group.bench_function("edit_cell", |b| {
        b.iter(|| {
            digit = (digit + 1) % 9;
            editing.input_mut().events.extend(retype(digit));
            editing.step();
        })
    });
    group.finish();
    // Every keystroke above was a valid baseline that entered the document (when the
    // benchmark ran, not filtered out).
    let baseline = editing.state().document().project().indicators[1].baseline;
    assert!(
        digit == 0 || (0.01..=0.09).contains(&baseline),
        "baseline {baseline}"
    );
}

/// One keystroke's events in the focused cell: its text selected (Ctrl+A) and replaced by the
/// digit after `digit`, a valid baseline, so that every frame is an edit and one recompute.
fn retype(digit: u8) -> Vec<Event> {
    vec![
        Event::Key {
            key: egui::Key::A,
            pressed: true,
            modifiers: Modifiers::COMMAND,
            repeat: false,
            physical_key: None,
        },
        Event::Text(format!("{}", digit + 1)),
    ]
}

/// The app driven through a plain egui context, as the window drives it (no accessibility
/// tree unless a screen reader asks for one): the CPU time of the app's update and layout,
/// painting excluded.
struct Plain {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
}

impl Plain {
    fn new(rows: usize) -> Self {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let document = Document::new(large_project(rows, 100), None);
        let app = App::new(&cc, document)
            .without_native_dialogs()
            .with_language(rbf_targets::i18n::Lang::En);
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
        }
    }

    fn frame(&mut self, events: Vec<Event>) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                Vec2::new(1600.0, 900.0),
            )),
            events,
            ..Default::default()
        };
        let (app, frame) = (&mut self.app, &mut self.frame);
        let _ = self.ctx.run_ui(input, |ui| eframe::App::ui(app, ui, frame));
    }

    fn click(&mut self, pos: egui::Pos2) {
        self.frame(vec![Event::PointerMoved(pos)]);
        for pressed in [true, false] {
            self.frame(vec![Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            }]);
        }
        for _ in 0..3 {
            self.frame(Vec::new());
        }
    }
}

fn frames_without_accessibility(c: &mut Criterion) {
    // Where "Baseline row 2" is: the same layout as the kittest harness of the same size.
    let cell = harness(10_000)
        .get_by_label("Baseline row 2")
        .rect()
        .center();
    let mut group = c.benchmark_group("ui_frame_10000_rows_plain");
    let mut idle = Plain::new(10_000);
    idle.frame(Vec::new());
    group.bench_function("idle", |b| b.iter(|| idle.frame(Vec::new())));

    let mut editing = Plain::new(10_000);
    editing.frame(Vec::new());
    editing.click(cell);
    let mut digit = 0u8;
    group.bench_function("edit_cell", |b| {
        b.iter(|| {
            digit = (digit + 1) % 9;
            editing.frame(retype(digit));
        })
    });
    // The same keystroke with the presenter window open (here drawn inside the window, as
    // egui does without a second native window): its figures follow every keystroke.
    let mut presenting = Plain::new(10_000);
    presenting.frame(Vec::new());
    presenting.click(cell);
    presenting.frame(vec![Event::Key {
        key: egui::Key::F5,
        pressed: true,
        modifiers: Modifiers::NONE,
        repeat: false,
        physical_key: None,
    }]);
    for _ in 0..3 {
        presenting.frame(Vec::new());
    }
    let mut presented = 0u8;
    group.bench_function("edit_cell_with_presenter", |b| {
        b.iter(|| {
            presented = (presented + 1) % 9;
            presenting.frame(retype(presented));
        })
    });
    group.finish();
    assert!(
        presenting.app.presenter_open(),
        "the presenter window is not open"
    );
    let baseline = editing.app.document().project().indicators[1].baseline;
    assert!(
        digit == 0 || (0.01..=0.09).contains(&baseline),
        "baseline {baseline}"
    );
}

fn first_frame(c: &mut Criterion) {
    c.bench_function("first_frame_el_salvador", |b| {
        b.iter(|| {
            let mut harness = Harness::builder()
                .with_size(Vec2::new(1600.0, 900.0))
                .build_eframe(|cc| App::new(cc, rbf_targets::ui::sample_document()));
            harness.step();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frames, frames_without_accessibility, first_frame
}
criterion_main!(benches);
