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
            // Select the cell's text and type a new baseline: one keystroke, one recompute.
            editing
                .input_mut()
                .events
                .push(Event::Text(format!("{}", digit + 1)));
            editing.step();
        })
    });
    group.finish();
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
    targets = frames, first_frame
}
criterion_main!(benches);
