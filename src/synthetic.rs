//! Projects of any size built from the El Salvador sample's figures, for benchmarks and scale
//! tests: the ten indicators repeated with varied names, populations and baselines, spread over
//! `conditions` conditions.

use crate::model::{Condition, Indicator, Project};

/// A project with `indicators` rows over `conditions` conditions (at least one of each).
pub fn large_project(indicators: usize, conditions: usize) -> Project {
    let sample = crate::io::el_salvador_sample().unwrap_or_default();
    let conditions = conditions.max(1);
    let mut project = Project {
        conditions: Vec::new(),
        indicators: Vec::new(),
        ..sample.clone()
    };
    for j in 0..conditions {
        let base = &sample.conditions[j % sample.conditions.len().max(1)];
        project.conditions.push(Condition {
            id: j as u64 + 1,
            name: format!("{} {}", base.name, j + 1),
            group: base.group.clone(),
            dalys: base.dalys * (1.0 + (j % 7) as f64 * 0.05),
            population: base.population,
        });
    }
    for i in 0..indicators.max(1) {
        let base = &sample.indicators[i % sample.indicators.len().max(1)];
        let variation = (i % 13) as f64 * 0.003;
        project.indicators.push(Indicator {
            name: format!(
                "{} — district {}",
                base.name,
                i / sample.indicators.len().max(1) + 1
            ),
            condition: project.conditions[i % conditions].name.clone(),
            condition_id: project.conditions[i % conditions].id,
            population: base.population * (1.0 + (i % 5) as f64 * 0.1),
            baseline: (base.baseline + variation).min(0.98),
            negotiated_target: None,
            ..base.clone()
        });
    }
    // Scale the cost with the rows so that d stays near the sample's.
    project.program.total_cost = sample.program.total_cost * indicators.max(1) as f64 / 10.0;
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_project_computes_without_problems() {
        let project = large_project(1000, 100);
        let outcome = crate::model::compute(&project);
        assert!(
            outcome.errors().next().is_none(),
            "{:?}",
            outcome.problems.first()
        );
        let d = outcome.minimum_impact.unwrap_or(f64::NAN);
        assert!(d > 0.0 && d < 0.5, "d = {d}");
    }
}
