//! Model benchmarks: recompute, rebalance, sample-size and detectable-target solves.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rbf_targets::model::{
    TestKind, compute, minimum_detectable_change, rebalance, required_sample_size,
};
use rbf_targets::synthetic::large_project;

fn recompute(c: &mut Criterion) {
    let mut group = c.benchmark_group("recompute");
    for n in [10, 1_000, 10_000, 100_000] {
        let project = large_project(n, 100);
        group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| compute(p))
        });
    }
    group.finish();
}

fn rebalance_half_locked(c: &mut Criterion) {
    let mut group = c.benchmark_group("rebalance_half_locked");
    for n in [1_000, 10_000] {
        let mut project = large_project(n, 100);
        let outcome = compute(&project);
        for (i, indicator) in project.indicators.iter_mut().enumerate() {
            if i % 2 == 0 {
                indicator.locked = true;
                indicator.negotiated_target = outcome.indicators[i].targets.map(|t| t.final_target);
            }
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| rebalance(p))
        });
    }
    group.finish();
}

fn statistics(c: &mut Criterion) {
    c.bench_function("sample_size", |b| {
        b.iter(|| {
            required_sample_size(
                std::hint::black_box(0.10),
                0.25,
                0.05,
                0.9,
                1.0,
                TestKind::TwoProportions,
            )
        })
    });
    c.bench_function("minimum_detectable_change", |b| {
        b.iter(|| {
            minimum_detectable_change(
                std::hint::black_box(0.45),
                1.0,
                400.0,
                0.05,
                0.9,
                1.0,
                TestKind::TwoProportions,
            )
        })
    });
}

/// One keystroke in a 10,000-row document: the value checked by the document's gate, applied
/// (undo step, audit entry) and the whole model recomputed.
fn edit_cell(c: &mut Criterion) {
    use rbf_targets::document::{Document, Edit};
    use rbf_targets::model::audit::Deed;
    use rbf_targets::model::{Field, Location};
    let mut document = Document::new(large_project(10_000, 100), None);
    let mut flip = false;
    c.bench_function("edit_cell_10000", |b| {
        b.iter(|| {
            flip = !flip;
            let mut value = document.project().indicators[5_000].clone();
            value.baseline = if flip { 0.5 } else { 0.55 };
            let edit = Edit::Indicator { row: 5_000, value };
            let deed = Deed::Edit {
                at: Location::Indicator(5_000),
                field: Field::Baseline,
            };
            assert!(document.apply(edit, deed, Some("baseline 5000")));
        })
    });
}

/// What the presenter window and the live view need after an edit at 10,000 rows: the room's
/// view of the document (every row compared with the mark) and its JSON for the browsers.
fn room_view(c: &mut Criterion) {
    use rbf_targets::document::Document;
    use rbf_targets::i18n::Lang;
    use rbf_targets::present::room::RoomView;
    let document = Document::new(large_project(10_000, 100), None);
    c.bench_function("room_view_10000", |b| {
        b.iter(|| RoomView::of(&document, Lang::En))
    });
    let view = RoomView::of(&document, Lang::En);
    c.bench_function("room_view_json_10000", |b| {
        b.iter(|| serde_json::to_string(&view).map(|json| json.len()))
    });
}

/// The sensitivity analysis at 10,000 rows: d and every bounded target at the low and high
/// value of each parameter (14 recomputes), as the export's Sensitivity sheet needs them.
fn sensitivity_10000(c: &mut Criterion) {
    let project = large_project(10_000, 100);
    c.bench_function("sensitivity_10000", |b| {
        b.iter(|| rbf_targets::model::sensitivity(&project))
    });
}

criterion_group!(
    benches,
    recompute,
    sensitivity_10000,
    rebalance_half_locked,
    statistics,
    edit_cell,
    room_view
);
criterion_main!(benches);
