//! A sheet's cached values, kept in 16 bytes a cell: numbers in place, texts in one buffer
//! for the sheet, a text the workbook shares between cells (every "higher", every condition's
//! name) stored once. calamine's own `Data` takes 32 bytes a cell and an allocation for every
//! text cell; on a 10,000-indicator workbook that was about 10 MB the system had to hand over
//! and clear before the first formula was read.

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime};
use rustc_hash::FxHashMap;

/// A cell's cached value, borrowed from its sheet (the variants of calamine's `Data`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Float(f64),
    Int(i64),
    Bool(bool),
    String(&'a str),
    Error(&'a CellErrorType),
    DateTime(ExcelDateTime),
    DateTimeIso(&'a str),
    DurationIso(&'a str),
}

impl Cell<'_> {
    /// The number a numeric cell holds (a float or an integer); `None` for any other.
    pub fn number(self) -> Option<f64> {
        match self {
            Cell::Float(f) => Some(f),
            Cell::Int(i) => Some(i as f64),
            _ => None,
        }
    }
}

/// One cell as stored; a text is the index of its span in [`Cells::spans`].
#[derive(Clone, Debug, Default, PartialEq)]
enum Slot {
    #[default]
    Empty,
    Float(f64),
    Int(i64),
    Bool(bool),
    Text(u32),
    Error(CellErrorType),
    /// The index of the value in [`Cells::dates`].
    DateTime(u32),
    DateTimeIso(u32),
    DurationIso(u32),
}

/// The values of a rectangle of cells, dense, row by row.
#[derive(Debug, Default)]
pub struct Cells {
    /// (row, column) of the first slot.
    origin: (u32, u32),
    width: u32,
    height: u32,
    slots: Vec<Slot>,
    /// (first row, first column) and (last row, last column) of the cells that hold a value.
    used: Option<((u32, u32), (u32, u32))>,
    /// Every text, one after another, and where each is: (start, length).
    texts: String,
    spans: Vec<(u32, u32)>,
    /// The span of each text of the workbook's shared-string table already stored, by its
    /// address in that table (kept only while the sheet is read).
    shared: FxHashMap<(usize, usize), u32>,
    dates: Vec<ExcelDateTime>,
}

impl Cells {
    /// Room for the cells from `start` to `end`, inclusive, none holding a value yet. The
    /// caller bounds the size (a sheet's cells are capped before this is called).
    pub fn with_bounds(start: (u32, u32), end: (u32, u32)) -> Self {
        let height = end.0.saturating_sub(start.0).saturating_add(1);
        let width = end.1.saturating_sub(start.1).saturating_add(1);
        Self {
            origin: start,
            width,
            height,
            slots: vec![Slot::Empty; height as usize * width as usize],
            ..Self::default()
        }
    }

    /// Values at positions in any order (a later value at one position wins), in a rectangle
    /// just large enough for them.
    pub fn from_values(values: Vec<((u32, u32), Data)>) -> Self {
        let mut bounds: Option<((u32, u32), (u32, u32))> = None;
        for ((row, col), value) in &values {
            if *value != Data::Empty {
                bounds = Some(widen(bounds, (*row, *col)));
            }
        }
        let Some((start, end)) = bounds else {
            return Self::default();
        };
        let mut cells = Self::with_bounds(start, end);
        for (at, value) in &values {
            cells.set(*at, super::book::borrowed(value));
        }
        cells.finish()
    }

    /// True when `(row, col)` is within the rectangle.
    pub fn holds(&self, (row, col): (u32, u32)) -> bool {
        self.index(row, col).is_some()
    }

    fn index(&self, row: u32, col: u32) -> Option<usize> {
        let (r, c) = (
            row.checked_sub(self.origin.0)?,
            col.checked_sub(self.origin.1)?,
        );
        (r < self.height && c < self.width).then(|| r as usize * self.width as usize + c as usize)
    }

    /// Stores `value` at `at`, which [`Self::holds`]; an empty value clears the cell.
    pub fn set(&mut self, at: (u32, u32), value: DataRef<'_>) {
        let Some(index) = self.index(at.0, at.1) else {
            return;
        };
        let slot = match value {
            DataRef::Empty => Slot::Empty,
            DataRef::Float(f) => Slot::Float(f),
            DataRef::Int(i) => Slot::Int(i),
            DataRef::Bool(b) => Slot::Bool(b),
            DataRef::Error(e) => Slot::Error(e),
            DataRef::SharedString(text) => Slot::Text(self.shared_text(text)),
            DataRef::String(text) => Slot::Text(self.text(&text)),
            DataRef::DateTimeIso(text) => Slot::DateTimeIso(self.text(&text)),
            DataRef::DurationIso(text) => Slot::DurationIso(self.text(&text)),
            DataRef::DateTime(date) => {
                self.dates.push(date);
                Slot::DateTime(count(self.dates.len() - 1))
            }
        };
        if slot != Slot::Empty {
            self.used = Some(widen(self.used, at));
        }
        self.slots[index] = slot;
    }

    /// Stores a text and returns its span's index.
    fn text(&mut self, text: &str) -> u32 {
        // A sheet's texts come from its file, which is at most 512 MiB unzipped, and a shared
        // text is stored once: they fit 32-bit offsets.
        self.spans
            .push((count(self.texts.len()), count(text.len())));
        self.texts.push_str(text);
        count(self.spans.len() - 1)
    }

    /// A text of the shared-string table, stored the first time a cell uses it.
    fn shared_text(&mut self, text: &str) -> u32 {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(&span) = self.shared.get(&key) {
            return span;
        }
        let span = self.text(text);
        self.shared.insert(key, span);
        span
    }

    /// Done with reading: the look-up of shared texts is dropped and spare room returned.
    pub fn finish(mut self) -> Self {
        self.shared = FxHashMap::default();
        self.texts.shrink_to_fit();
        self.spans.shrink_to_fit();
        self
    }

    fn span(&self, index: u32) -> &str {
        let (start, len) = self.spans.get(index as usize).copied().unwrap_or_default();
        let start = start as usize;
        self.texts
            .get(start..start + len as usize)
            .unwrap_or_default()
    }

    /// The value at (row, column); empty outside the rectangle.
    pub fn get(&self, row: u32, col: u32) -> Cell<'_> {
        let Some(index) = self.index(row, col) else {
            return Cell::Empty;
        };
        match &self.slots[index] {
            Slot::Empty => Cell::Empty,
            Slot::Float(f) => Cell::Float(*f),
            Slot::Int(i) => Cell::Int(*i),
            Slot::Bool(b) => Cell::Bool(*b),
            Slot::Error(e) => Cell::Error(e),
            Slot::Text(span) => Cell::String(self.span(*span)),
            Slot::DateTimeIso(span) => Cell::DateTimeIso(self.span(*span)),
            Slot::DurationIso(span) => Cell::DurationIso(self.span(*span)),
            Slot::DateTime(date) => self
                .dates
                .get(*date as usize)
                .map_or(Cell::Empty, |d| Cell::DateTime(*d)),
        }
    }

    /// (first row, first column) of the cells that hold a value.
    pub fn start(&self) -> Option<(u32, u32)> {
        self.used.map(|(start, _)| start)
    }

    /// (last row, last column) of the cells that hold a value.
    pub fn end(&self) -> Option<(u32, u32)> {
        self.used.map(|(_, end)| end)
    }

    /// Every cell that holds a value, as calamine's `Data`, in row order.
    pub fn values(&self) -> impl Iterator<Item = ((u32, u32), Data)> + '_ {
        let width = self.width.max(1) as usize;
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| **slot != Slot::Empty)
            .map(move |(index, _)| {
                let row = self.origin.0 + (index / width) as u32;
                let col = self.origin.1 + (index % width) as u32;
                ((row, col), data(self.get(row, col)))
            })
    }
}

/// A count or an offset within a sheet as stored (see [`Cells::text`] for why it fits).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn widen(
    bounds: Option<((u32, u32), (u32, u32))>,
    (row, col): (u32, u32),
) -> ((u32, u32), (u32, u32)) {
    let ((r0, c0), (r1, c1)) = bounds.unwrap_or(((row, col), (row, col)));
    ((r0.min(row), c0.min(col)), (r1.max(row), c1.max(col)))
}

/// A borrowed value as calamine's owned `Data`.
pub fn data(cell: Cell<'_>) -> Data {
    match cell {
        Cell::Empty => Data::Empty,
        Cell::Float(f) => Data::Float(f),
        Cell::Int(i) => Data::Int(i),
        Cell::Bool(b) => Data::Bool(b),
        Cell::String(s) => Data::String(s.to_owned()),
        Cell::Error(e) => Data::Error(e.clone()),
        Cell::DateTime(d) => Data::DateTime(d),
        Cell::DateTimeIso(s) => Data::DateTimeIso(s.to_owned()),
        Cell::DurationIso(s) => Data::DurationIso(s.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_and_integers_are_numbers_and_nothing_else_is() {
        assert_eq!(Cell::Float(-2.5).number(), Some(-2.5));
        assert_eq!(Cell::Int(-7).number(), Some(-7.0));
        assert_eq!(
            Cell::Int(i64::MIN).number(),
            Some(-9.223_372_036_854_776e18)
        );
        for other in [Cell::Empty, Cell::String("3"), Cell::Bool(true)] {
            assert_eq!(other.number(), None, "{other:?}");
        }
    }

    #[test]
    fn a_slot_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Slot>(), 16);
    }

    #[test]
    fn values_read_back_as_stored_and_shared_texts_are_stored_once() {
        let table = ["higher".to_owned(), "Diarrhea".to_owned()];
        let mut cells = Cells::with_bounds((2, 1), (4, 3));
        cells.set((2, 1), DataRef::Float(0.25));
        cells.set((2, 2), DataRef::SharedString(&table[0]));
        cells.set((3, 2), DataRef::SharedString(&table[0]));
        cells.set((3, 3), DataRef::String("  own text ".into()));
        cells.set((4, 1), DataRef::Int(7));
        cells.set((4, 2), DataRef::Error(CellErrorType::Div0));
        let date = ExcelDateTime::new(45_000.5, calamine::ExcelDateTimeType::DateTime, false);
        cells.set((4, 3), DataRef::DateTime(date));
        cells.set((2, 3), DataRef::DurationIso("PT1H".into()));
        cells.set((2, 3), DataRef::Empty);
        cells.set((9, 9), DataRef::Float(1.0));
        let cells = cells.finish();
        assert_eq!(cells.get(2, 1), Cell::Float(0.25));
        assert_eq!(cells.get(2, 2), Cell::String("higher"));
        assert_eq!(cells.get(3, 2), Cell::String("higher"));
        assert_eq!(cells.get(3, 3), Cell::String("  own text "));
        assert_eq!(cells.get(4, 1), Cell::Int(7));
        assert_eq!(cells.get(4, 2), Cell::Error(&CellErrorType::Div0));
        assert_eq!(cells.get(4, 3), Cell::DateTime(date));
        assert_eq!(cells.get(2, 3), Cell::Empty, "emptied again");
        assert_eq!(cells.get(9, 9), Cell::Empty, "outside the rectangle");
        assert_eq!(cells.get(0, 0), Cell::Empty);
        assert_eq!(cells.spans.len(), 3, "\"higher\" once, each own text once");
        assert_eq!(cells.start(), Some((2, 1)));
        assert_eq!(cells.end(), Some((4, 3)));
    }

    #[test]
    fn values_in_any_order_take_the_rectangle_they_need_and_the_later_wins() {
        let cells = Cells::from_values(vec![
            ((7, 4), Data::String("b".into())),
            ((3, 2), Data::Float(1.0)),
            ((7, 4), Data::String("c".into())),
            ((0, 0), Data::Empty),
        ]);
        assert_eq!(cells.get(7, 4), Cell::String("c"));
        assert_eq!(cells.get(3, 2), Cell::Float(1.0));
        assert_eq!((cells.start(), cells.end()), (Some((3, 2)), Some((7, 4))));
        let listed: Vec<_> = cells.values().collect();
        assert_eq!(
            listed,
            [
                ((3, 2), Data::Float(1.0)),
                ((7, 4), Data::String("c".into()))
            ]
        );
        assert_eq!(Cells::from_values(Vec::new()).get(0, 0), Cell::Empty);
    }
}
