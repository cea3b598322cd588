//! The formulas of a sheet, kept sparse: only the cells that hold one, in row order, found
//! through an index of where each row's cells start. Their texts share one buffer. A dense
//! range of the sheet's size would cost a 24-byte slot (an empty `String`) for every cell,
//! formula or not (about 4 MB for a 10,000-indicator Targets sheet), all of it memory the
//! system must hand over and clear before it is used.

/// Formulas by cell, (row, column) 0-based, each stored without its "=".
#[derive(Debug, Default)]
pub struct Formulas {
    /// Sorted by position, one per position, none empty.
    cells: Vec<Entry>,
    /// The text of every formula, one after another: one allocation for the sheet instead of
    /// one for each formula.
    text: String,
    /// (first row, first column) and (last row, last column) of the cells.
    span: Option<((u32, u32), (u32, u32))>,
    /// For each row from the first to one past the last, the index in `cells` of its first
    /// cell; empty when the rows are too far apart for such an index to pay (then a cell is
    /// found by binary search over them all).
    row_starts: Vec<u32>,
}

/// Where one cell's formula is in [`Formulas::text`].
#[derive(Clone, Copy, Debug)]
struct Entry {
    at: (u32, u32),
    start: u32,
    len: u32,
}

/// A sheet's formulas came to more text than [`Formulas`] holds (4 GiB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong;

/// Where a formula of `len` bytes goes after `text_len` bytes of text: (start, length), when
/// both ends fit the 32-bit offsets.
fn place(text_len: usize, len: usize) -> Result<(u32, u32), TooLong> {
    let start = u32::try_from(text_len).map_err(|_| TooLong)?;
    let len = u32::try_from(len).map_err(|_| TooLong)?;
    start.checked_add(len).ok_or(TooLong)?;
    Ok((start, len))
}

/// Where each row's cells start in `cells` (sorted by position), from the first row to one
/// past the last; empty when the rows span more than four times as many rows as there are
/// cells, or more than 32-bit indices count.
fn row_starts(cells: &[Entry]) -> Vec<u32> {
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Vec::new();
    };
    let rows = (last.at.0 - first.at.0) as usize + 1;
    if rows > 4 * cells.len() + 64 || u32::try_from(cells.len()).is_err() {
        return Vec::new();
    }
    let mut starts = Vec::with_capacity(rows + 1);
    let mut next = 0;
    for row in first.at.0..=last.at.0 {
        while cells.get(next).is_some_and(|e| e.at.0 < row) {
            next += 1;
        }
        starts.push(next as u32);
    }
    starts.push(cells.len() as u32);
    starts
}

impl Formulas {
    /// An empty list with room for `cells` formulas and about as many bytes of text for each
    /// as an IDB workbook's formulas take; room never written costs nothing.
    pub fn with_capacity(cells: usize) -> Self {
        Self {
            cells: Vec::with_capacity(cells),
            text: String::with_capacity(cells.saturating_mul(24)),
            span: None,
            row_starts: Vec::new(),
        }
    }

    /// Adds the formula of the cell at `at` (an empty one is no formula). Cells may come in
    /// any order; where a position repeats, the later cell wins, as it does in a file read top
    /// to bottom. [`Self::finish`] makes the list ready to read.
    pub fn push(&mut self, at: (u32, u32), formula: &str) -> Result<(), TooLong> {
        if formula.is_empty() {
            return Ok(());
        }
        let (start, len) = place(self.text.len(), formula.len())?;
        self.text.push_str(formula);
        self.cells.push(Entry { at, start, len });
        Ok(())
    }

    /// The list sorted by position, one formula for each, with its span.
    pub fn finish(mut self) -> Self {
        // A sheet's XML lists its cells in row order: sorting is for other sources. The sort
        // is stable, so that of two formulas for one cell the later stays last.
        let cells = &mut self.cells;
        if !cells.is_sorted_by_key(|e| e.at) {
            cells.sort_by_key(|e| e.at);
        }
        cells.dedup_by(|later, earlier| {
            let same = later.at == earlier.at;
            if same {
                *earlier = *later;
            }
            same
        });
        cells.shrink_to_fit();
        self.text.shrink_to_fit();
        self.span = cells.first().map(|first| {
            let last = cells.last().map_or(first.at.0, |e| e.at.0);
            let (first_col, last_col) = cells.iter().fold((u32::MAX, 0), |(lo, hi), e| {
                (lo.min(e.at.1), hi.max(e.at.1))
            });
            ((first.at.0, first_col), (last, last_col))
        });
        self.row_starts = row_starts(&self.cells);
        self
    }

    fn text_of(&self, entry: Entry) -> &str {
        let start = entry.start as usize;
        &self.text[start..start + entry.len as usize]
    }

    /// The formula of a cell, if it has one.
    pub fn get(&self, row: u32, col: u32) -> Option<&str> {
        let first_row = self.cells.first()?.at.0;
        let row_cells = match row.checked_sub(first_row) {
            None => return None,
            Some(r) if !self.row_starts.is_empty() => {
                let r = r as usize;
                let (start, end) = (*self.row_starts.get(r)?, *self.row_starts.get(r + 1)?);
                &self.cells[start as usize..end as usize]
            }
            Some(_) => &self.cells,
        };
        let at = row_cells.binary_search_by_key(&(row, col), |e| e.at).ok()?;
        Some(self.text_of(row_cells[at]))
    }

    /// (first row, first column) and (last row, last column) of the cells with a formula.
    pub fn span(&self) -> Option<((u32, u32), (u32, u32))> {
        self.span
    }

    /// Every formula with its position, in row order.
    pub fn iter(&self) -> impl Iterator<Item = ((u32, u32), &str)> {
        self.cells.iter().map(|&e| (e.at, self.text_of(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formulas(cells: &[((u32, u32), &str)]) -> Formulas {
        let mut formulas = Formulas::with_capacity(cells.len());
        for &(at, formula) in cells {
            formulas.push(at, formula).expect("short formulas");
        }
        formulas.finish()
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
    fn a_formula_goes_where_its_offsets_reach_and_no_further() {
        let max = u32::MAX as usize;
        assert_eq!(place(0, 5), Ok((0, 5)));
        assert_eq!(place(max - 2, 2), Ok((u32::MAX - 2, 2)));
        assert_eq!(place(max - 1, 2), Err(TooLong));
        assert_eq!(place(max + 1, 0), Err(TooLong));
        assert_eq!(place(0, max + 1), Err(TooLong));
    }

    /// Rows far apart (no row index) and close together (an index) find the same cells.
    #[test]
    fn cells_are_found_with_or_without_the_row_index() {
        let close = formulas(&[
            ((3, 1), "A1"),
            ((3, 4), "B1"),
            ((5, 0), "C1"),
            ((6, 2), "D1"),
        ]);
        assert!(!close.row_starts.is_empty());
        let far = formulas(&[((3, 1), "A1"), ((3, 4), "B1"), ((900_000, 2), "D1")]);
        assert!(far.row_starts.is_empty());
        for f in [&close, &far] {
            assert_eq!(f.get(3, 1), Some("A1"));
            assert_eq!(f.get(3, 4), Some("B1"));
            assert_eq!(f.get(3, 2), None);
            assert_eq!(f.get(2, 1), None);
            assert_eq!(f.get(4, 0), None);
            assert_eq!(f.get(u32::MAX, 0), None);
        }
        assert_eq!(close.get(5, 0), Some("C1"));
        assert_eq!(close.get(6, 2), Some("D1"));
        assert_eq!(close.get(7, 2), None);
        assert_eq!(far.get(900_000, 2), Some("D1"));
    }

    #[test]
    fn no_formulas_have_no_span() {
        assert_eq!(formulas(&[]).span(), None);
        assert_eq!(formulas(&[((1, 1), "")]).span(), None);
        assert_eq!(formulas(&[]).get(0, 0), None);
    }
}
