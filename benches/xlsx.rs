//! Workbook import and export at 10, 1,000 and 10,000 indicator rows.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rbf_targets::io::{ExportOptions, export_xlsx, import_xlsx};
use rbf_targets::synthetic::large_project;

fn xlsx(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut export_group = c.benchmark_group("xlsx_export");
    for n in [10, 1_000, 10_000] {
        let project = large_project(n, 100);
        let path = folder.path().join(format!("export-{n}.xlsx"));
        export_group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| export_xlsx(p, &path, ExportOptions::default()).expect("export"))
        });
    }
    export_group.finish();
    let mut import_group = c.benchmark_group("xlsx_import");
    for n in [10, 1_000, 10_000] {
        let path = folder.path().join(format!("import-{n}.xlsx"));
        export_xlsx(&large_project(n, 100), &path, ExportOptions::default()).expect("export");
        import_group.bench_with_input(BenchmarkId::from_parameter(n), &path, |b, p| {
            b.iter(|| import_xlsx(p).expect("import"))
        });
    }
    import_group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = xlsx
}
criterion_main!(benches);
