//! Which condition each indicator is linked to: by the condition's stable id while the name the
//! indicator shows is that condition's (trimmed), so that two conditions of one name are told
//! apart and a name with a stray space still links; by name otherwise — an indicator with no
//! id yet (a workbook, a file written by hand) or whose shown name was changed by hand, since
//! the name a person reads must be the condition the model uses.

use rustc_hash::FxHashMap;

use super::{Indicator, Project};

/// Each indicator's condition row, found once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    rows: Vec<Option<usize>>,
}

/// Looks conditions up by id and by trimmed name (the first row when a name repeats, which
/// validation reports).
struct Index<'p> {
    by_id: FxHashMap<u64, usize>,
    by_name: FxHashMap<&'p str, usize>,
    names: Vec<&'p str>,
}

impl<'p> Index<'p> {
    fn new(project: &'p Project) -> Self {
        let mut by_id = FxHashMap::default();
        let mut by_name = FxHashMap::default();
        by_name.reserve(project.conditions.len());
        let mut names = Vec::with_capacity(project.conditions.len());
        for (j, condition) in project.conditions.iter().enumerate() {
            if condition.id != 0 {
                by_id.entry(condition.id).or_insert(j);
            }
            let name = condition.name.trim();
            by_name.entry(name).or_insert(j);
            names.push(name);
        }
        Self {
            by_id,
            by_name,
            names,
        }
    }

    fn find(&self, indicator: &Indicator) -> Option<usize> {
        let name = indicator.condition.trim();
        let by_id = (indicator.condition_id != 0)
            .then(|| self.by_id.get(&indicator.condition_id).copied())
            .flatten()
            .filter(|&j| self.names[j] == name);
        by_id.or_else(|| self.by_name.get(name).copied())
    }
}

impl Links {
    /// The links of every indicator of `project`.
    pub fn of(project: &Project) -> Self {
        let index = Index::new(project);
        Self {
            rows: project.indicators.iter().map(|i| index.find(i)).collect(),
        }
    }

    /// The condition row of indicator `i`, if it is linked to one that exists.
    pub fn condition_of(&self, i: usize) -> Option<usize> {
        self.rows.get(i).copied().flatten()
    }

    /// True when `indicator` would be linked to a condition of `project`.
    pub fn finds(project: &Project, indicator: &Indicator) -> bool {
        Index::new(project).find(indicator).is_some()
    }
}

/// Gives every condition an id and links every indicator by it (from its condition's name
/// where it has no id yet); keeps each indicator's condition name as its condition's.
pub fn assign_ids(project: &mut Project) {
    let mut next = project.conditions.iter().map(|c| c.id).max().unwrap_or(0) + 1;
    let mut seen = std::collections::HashSet::new();
    for condition in &mut project.conditions {
        if condition.id == 0 || !seen.insert(condition.id) {
            condition.id = next;
            seen.insert(next);
            next += 1;
        }
    }
    let index = Index::new(project);
    let found: Vec<Option<usize>> = project.indicators.iter().map(|i| index.find(i)).collect();
    for (indicator, row) in project.indicators.iter_mut().zip(found) {
        if let Some(j) = row {
            let condition = &project.conditions[j];
            indicator.condition_id = condition.id;
            indicator.condition = condition.name.clone();
        }
    }
}
