//! The formulas of a sheet, kept sparse: only the cells that hold one, in row order, found by
//! binary search. A dense range of the sheet's size would cost a 24-byte slot (an empty
//! `String`) for every cell, formula or not (about 4 MB for a 10,000-indicator Targets sheet),
//! all of it memory the system must hand over and clear before it is used.

/// Formulas by cell, (row, column) 0-based, each stored without its "=".
#[derive(Debug, Default)]
pub struct Formulas {
    /// Sorted by position, one per position, none empty.
    cells: Vec<((u32, u32), String)>,
    /// (first row, first column) and (last row, last column) of the cells.
    span: Option<((u32, u32), (u32, u32))>,
}

impl Formulas {
    /// Formulas from cells in any order; where a position repeats, the later cell wins, as
    /// it does in a file read top to bottom.
    pub fn new(mut cells: Vec<((u32, u32), String)>) -> Self {
        cells.retain(|(_, formula)| !formula.is_empty());
        // A sheet's XML lists its cells in row order: sorting is for other sources.
        if !cells.is_sorted_by_key(|(at, _)| *at) {
            cells.sort_by_key(|(at, _)| *at);
        }
        cells.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        cells.shrink_to_fit();
        let span = cells.first().map(|&((row, _), _)| {
            let last = cells.last().map_or(row, |&((row, _), _)| row);
            let (first_col, last_col) = cells
                .iter()
                .fold((u32::MAX, 0), |(lo, hi), &((_, col), _)| {
                    (lo.min(col), hi.max(col))
                });
            ((row, first_col), (last, last_col))
        });
        Self { cells, span }
    }

    /// The formula of a cell, if it has one.
    pub fn get(&self, row: u32, col: u32) -> Option<&str> {
        let at = self
            .cells
            .binary_search_by_key(&(row, col), |(at, _)| *at)
            .ok()?;
        Some(self.cells[at].1.as_str())
    }

    /// (first row, first column) and (last row, last column) of the cells with a formula.
    pub fn span(&self) -> Option<((u32, u32), (u32, u32))> {
        self.span
    }

    /// Every formula with its position, in row order.
    pub fn iter(&self) -> impl Iterator<Item = ((u32, u32), &str)> {
        self.cells
            .iter()
            .map(|(at, formula)| (*at, formula.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formulas(cells: &[((u32, u32), &str)]) -> Formulas {
        Formulas::new(cells.iter().map(|&(at, f)| (at, f.to_owned())).collect())
    }

    #[test]
    fn cells_are_found_in_any_order_and_the_later_of_two_wins() {
        let f = formulas(&[
            ((5, 1), "B1*2"),
            ((2, 7), "SUM(A1:A3)"),
            ((5, 1), "B1*3"),
            ((3, 0), ""),
            ((2, 3), "A1"),
        ]);
        assert_eq!(f.get(5, 1), Some("B1*3"));
        assert_eq!(f.get(2, 7), Some("SUM(A1:A3)"));
        assert_eq!(f.get(2, 3), Some("A1"));
        assert_eq!(f.get(3, 0), None, "an empty formula is no formula");
        assert_eq!(f.get(2, 4), None);
        assert_eq!(f.get(0, 0), None);
        assert_eq!(f.get(9, 9), None);
        assert_eq!(f.span(), Some(((2, 1), (5, 7))));
        let order: Vec<(u32, u32)> = f.iter().map(|(at, _)| at).collect();
        assert_eq!(order, [(2, 3), (2, 7), (5, 1)]);
    }

    #[test]
    fn no_formulas_have_no_span() {
        assert_eq!(formulas(&[]).span(), None);
        assert_eq!(formulas(&[((1, 1), "")]).span(), None);
        assert_eq!(formulas(&[]).get(0, 0), None);
    }
}
