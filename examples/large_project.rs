//! Writes a project of N indicators (over 100 conditions), built from the El Salvador sample's
//! figures, as a project file (.ron) or an IDB-style workbook (.xlsx): for performance checks.
//!
//! `cargo run --release --example large_project -- 10000 big.xlsx`

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(out)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next().map(PathBuf::from),
    ) else {
        eprintln!("usage: large_project N OUT.ron|OUT.xlsx");
        return ExitCode::from(2);
    };
    let project = rbf_targets::synthetic::large_project(count, 100);
    let written = if rbf_targets::io::is_workbook(&out) {
        rbf_targets::io::export_xlsx(&project, &out, rbf_targets::io::ExportOptions::default())
            .map_err(|e| e.to_string())
    } else {
        rbf_targets::io::save(&project, &out).map_err(|e| e.to_string())
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}
