//! A workbook as the importer sees it: each sheet's cached values and formulas, addressed by
//! 0-based (row, column), and the workbook's defined names. Read with calamine (xlsx, xlsm,
//! xls, ods), or built from cells (tests and fuzzing).

use std::io::{Read, Seek};
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, DataRef, Reader, Sheets};

use super::cells::{Cell, Cells};
use super::formulas::Formulas;

/// Sheets whose cells span more than this are refused rather than read.
pub const MAX_SHEET_CELLS: usize = 5_000_000;
/// Workbooks holding more cells than this, all sheets together, are refused: reading them
/// would take longer than a negotiator should wait (a 10,000-indicator workbook holds about
/// 400,000).
pub const MAX_BOOK_CELLS: usize = 1_000_000;

/// One worksheet.
pub struct Sheet {
    pub name: String,
    values: Cells,
    formulas: Formulas,
}

/// Why a sheet could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    /// Its cells span more than [`MAX_SHEET_CELLS`].
    TooLarge { rows: u64, columns: u64 },
    /// The workbook holds more than [`MAX_BOOK_CELLS`] cells.
    TooManyCells,
    /// The reader's own message.
    Unreadable(String),
}

impl Sheet {
    /// Reads a sheet; with `max_row`, stops after that row (0-based) where the format allows.
    /// `cells` counts the cells read so far in the workbook (by every thread reading it).
    pub fn read<RS: Read + Seek>(
        book: &mut Sheets<RS>,
        name: &str,
        max_row: Option<u32>,
        cells: &AtomicUsize,
    ) -> Result<Self, SheetError> {
        if let Sheets::Xlsx(xlsx) = book {
            return Self::read_xlsx(xlsx, name, max_row, cells);
        }
        let values = book
            .worksheet_range(name)
            .map_err(|e| SheetError::Unreadable(e.to_string()))?;
        let (height, width) = values.get_size();
        if height.saturating_mul(width) > MAX_SHEET_CELLS {
            return Err(SheetError::TooLarge {
                rows: height as u64,
                columns: width as u64,
            });
        }
        let count = values.used_cells().count();
        if cells.fetch_add(count, Ordering::Relaxed) + count > MAX_BOOK_CELLS {
            return Err(SheetError::TooManyCells);
        }
        let values = match (values.start(), values.end()) {
            (Some(start), Some(end)) => {
                let mut stored = Cells::with_bounds(start, end);
                for (r, c, value) in values.used_cells() {
                    stored.set((start.0 + r as u32, start.1 + c as u32), borrowed(value));
                }
                stored.finish()
            }
            _ => Cells::default(),
        };
        // Not every format stores formulas; a sheet without them reads as values only.
        let formulas = book.worksheet_formula(name).unwrap_or_default();
        let start = formulas.start().unwrap_or_default();
        let mut stored = Formulas::with_capacity(formulas.used_cells().count());
        for (r, c, f) in formulas.used_cells() {
            let at = (start.0 + r as u32, start.1 + c as u32);
            stored.push(at, stored_text(f)).map_err(too_long)?;
        }
        let formulas = stored.finish();
        Ok(Self {
            name: name.to_owned(),
            values,
            formulas,
        })
    }

    /// Reads an xlsx sheet in one pass over its XML (values and formulas together), refusing
    /// it before anything large is allocated when its cells span more than
    /// [`MAX_SHEET_CELLS`].
    fn read_xlsx<RS: Read + Seek>(
        xlsx: &mut calamine::Xlsx<RS>,
        name: &str,
        max_row: Option<u32>,
        cells: &AtomicUsize,
    ) -> Result<Self, SheetError> {
        let unreadable = |e: calamine::XlsxError| SheetError::Unreadable(e.to_string());
        let mut reader = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
        // Values go straight into a range of the size the sheet declares, when it declares a
        // plausible one; cells outside it (a hand-edited or foreign file) are kept aside.
        let mut declared = reader.dimensions();
        if let Some(max) = max_row {
            declared.end.0 = declared.end.0.min(max);
        }
        let mut dense = declared_cells(declared);
        let mut values = Vec::new();
        // Room for a formula in every declared cell (no more than a workbook may hold): pages
        // never written cost nothing, and the list is not copied as it grows.
        let room = declared.len().min(MAX_BOOK_CELLS as u64) as usize;
        let mut formulas = Formulas::with_capacity(room);
        let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
        while let Some(cell) = reader.next_cell_with_formula().map_err(unreadable)? {
            let (row, col) = cell.pos;
            if max_row.is_some_and(|max| row > max) {
                break;
            }
            rows = (rows.0.min(row), rows.1.max(row));
            cols = (cols.0.min(col), cols.1.max(col));
            let (height, width) = (
                u64::from(rows.1 - rows.0) + 1,
                u64::from(cols.1 - cols.0) + 1,
            );
            if height * width > MAX_SHEET_CELLS as u64 {
                return Err(SheetError::TooLarge {
                    rows: height,
                    columns: width,
                });
            }
            if cells.fetch_add(1, Ordering::Relaxed) + 1 > MAX_BOOK_CELLS {
                return Err(SheetError::TooManyCells);
            }
            if cell.value != DataRef::Empty {
                match &mut dense {
                    Some(stored) if stored.holds(cell.pos) => stored.set(cell.pos, cell.value),
                    _ => values.push((cell.pos, Data::from(cell.value))),
                }
            }
            if let Some(formula) = cell.formula {
                formulas
                    .push(cell.pos, stored_text(&formula))
                    .map_err(too_long)?;
            }
        }
        let values = match dense {
            Some(stored) if values.is_empty() => stored.finish(),
            Some(stored) => {
                // Cells outside the declared size: all of them in a rectangle that holds them.
                values.splice(0..0, stored.values());
                Cells::from_values(values)
            }
            None => Cells::from_values(values),
        };
        Ok(Self {
            name: name.to_owned(),
            values,
            formulas: formulas.finish(),
        })
    }

    /// A sheet from cells: values, and formulas (with or without their "=").
    pub fn from_cells(
        name: &str,
        values: Vec<((u32, u32), Data)>,
        formulas: Vec<((u32, u32), String)>,
    ) -> Self {
        let mut stored = Formulas::with_capacity(formulas.len());
        for (at, formula) in &formulas {
            // Cells made in memory (tests, other formats) are far below the limit.
            let _ = stored.push(*at, stored_text(formula));
        }
        Self {
            name: name.to_owned(),
            values: Cells::from_values(values),
            formulas: stored.finish(),
        }
    }

    fn span(&self, pick: fn((u32, u32)) -> u32) -> Option<(u32, u32)> {
        let formulas = self.formulas.span();
        let start = [self.values.start(), formulas.map(|(start, _)| start)]
            .into_iter()
            .flatten()
            .map(pick)
            .min()?;
        let end = [self.values.end(), formulas.map(|(_, end)| end)]
            .into_iter()
            .flatten()
            .map(pick)
            .max()?;
        Some((start, end))
    }

    /// (first row, last row) of the used range, inclusive; `None` for an empty sheet.
    pub fn row_span(&self) -> Option<(u32, u32)> {
        self.span(|(r, _)| r)
    }

    /// (first column, last column) of the used range, inclusive.
    pub fn col_span(&self) -> Option<(u32, u32)> {
        self.span(|(_, c)| c)
    }

    /// The rows and columns that hold formulas, inclusive.
    pub fn formula_span(&self) -> Option<((u32, u32), (u32, u32))> {
        self.formulas.span()
    }

    /// The cached value of a cell (a formula's last result, if the workbook saved one).
    pub fn value(&self, row: u32, col: u32) -> Cell<'_> {
        self.values.get(row, col)
    }

    /// The formula of a cell as stored (a leading "=" removed), if it has one.
    pub fn formula(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas.get(row, col)
    }

    /// The cell as text, for labels, headers and names.
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.value(row, col) {
            Cell::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Cell::Float(f) => Some(crate::text::format_number(f)),
            Cell::Int(i) => Some(i.to_string()),
            Cell::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// True when the cell holds neither a value nor a formula.
    pub fn is_blank(&self, row: u32, col: u32) -> bool {
        let empty = match self.value(row, col) {
            Cell::Empty => true,
            Cell::String(s) => s.trim().is_empty(),
            _ => false,
        };
        empty && self.formula(row, col).is_none()
    }

    /// True when some formula cell has a cached result other than 0 or empty text: a workbook
    /// saved by a library that writes no results has none.
    pub fn has_cached_results(&self) -> bool {
        // Formulas are kept trimmed and never empty.
        self.formulas
            .iter()
            .any(|((r, c), _)| match self.value(r, c) {
                Cell::Float(f) => f != 0.0,
                Cell::Int(i) => i != 0,
                Cell::String(s) => !s.is_empty(),
                _ => false,
            })
    }
}

/// A formula as kept: surrounding spaces and a leading "=" removed, once, when it is read.
fn stored_text(formula: &str) -> &str {
    let formula = formula.trim();
    formula.strip_prefix('=').unwrap_or(formula).trim()
}

fn too_long(_: super::formulas::TooLong) -> SheetError {
    SheetError::Unreadable("its formulas come to more than 4 GiB of text".to_owned())
}

/// Room for the cells a sheet declares (its `<dimension>`), when that size is plausible.
fn declared_cells(declared: calamine::Dimensions) -> Option<Cells> {
    let (start, end) = (declared.start, declared.end);
    let plausible = start.0 <= end.0
        && start.1 <= end.1
        && declared.len() <= MAX_SHEET_CELLS as u64
        && declared.len() > 1;
    plausible.then(|| Cells::with_bounds(start, end))
}

/// A value of another format's range, as the xlsx reader hands one over.
pub(super) fn borrowed(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// The sheets of a workbook and its defined names.
pub struct Book {
    pub sheets: Vec<Sheet>,
    /// Defined names and what they refer to ("Cost" → "Targets!$F$8").
    pub names: Vec<(String, String)>,
    /// False when the file format's formulas are read only approximately (calamine decodes
    /// .xls formulas partly): then a formula's saved result is used where there is one, and
    /// the formula itself only as evidence of the layout.
    pub formulas_exact: bool,
}

impl Book {
    /// A workbook of these sheets, without defined names.
    pub fn new(sheets: Vec<Sheet>) -> Self {
        Self {
            sheets,
            names: Vec::new(),
            formulas_exact: true,
        }
    }

    /// The sheet called `name` (case and surrounding spaces ignored).
    pub fn sheet_index(&self, name: &str) -> Option<usize> {
        let wanted = name.trim();
        self.sheets
            .iter()
            .position(|s| s.name.trim().eq_ignore_ascii_case(wanted))
            .or_else(|| {
                let wanted = super::vocabulary::normalize(wanted);
                self.sheets
                    .iter()
                    .position(|s| super::vocabulary::normalize(&s.name) == wanted)
            })
    }

    /// What the defined name `name` refers to.
    pub fn name(&self, name: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, formula)| formula.as_str())
    }

    /// True when some formula of the workbook has a cached result.
    pub fn has_cached_results(&self) -> bool {
        self.sheets.iter().any(Sheet::has_cached_results)
    }

    /// "Targets!J8".
    pub fn address(&self, sheet: usize, row: u32, col: u32) -> String {
        let name = self.sheets.get(sheet).map_or("?", |s| s.name.as_str());
        format!("{name}!{}", super::formula::cell_name(row, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// A workbook with a value in A1, B2, D5 (text) and a formula in C3, whose sheet declares
    /// the dimension `dimension` (written by rust_xlsxwriter, then the tag rewritten).
    fn workbook(dimension: &str) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_number(0, 0, 1.5).expect("test workbook");
        sheet.write_number(1, 1, 2.5).expect("test workbook");
        sheet
            .write_formula(
                2,
                2,
                rust_xlsxwriter::Formula::new("=A1+B2").set_result("4"),
            )
            .expect("test workbook");
        sheet.write_string(4, 3, "note").expect("test workbook");
        let bytes = book.save_to_buffer().expect("test workbook");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("test workbook");
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut part = archive.by_index(i).expect("test workbook");
            let name = part.name().expect("test workbook").into_owned();
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut text).expect("test workbook");
            if name == "xl/worksheets/sheet1.xml" {
                let xml = String::from_utf8(text).expect("test workbook");
                let start = xml.find("<dimension ref=\"").expect("test workbook") + 16;
                let end = start + xml[start..].find('"').expect("test workbook");
                text = format!("{}{dimension}{}", &xml[..start], &xml[end..]).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("test workbook");
            out.write_all(&text).expect("test workbook");
        }
        out.finish().expect("test workbook").into_inner()
    }

    fn read(dimension: &str, max_row: Option<u32>) -> Sheet {
        let reader = Cursor::new(workbook(dimension));
        let mut book = Sheets::Xlsx(calamine::Xlsx::new(reader).expect("test workbook"));
        Sheet::read(&mut book, "Sheet1", max_row, &AtomicUsize::new(0)).expect("test workbook")
    }

    /// Whatever size the sheet declares (right, too small, too large, starting after its first
    /// cell, absurd), the cells read and the used range are the same.
    #[test]
    fn cells_are_read_whatever_dimension_the_sheet_declares() {
        for dimension in ["A1:D5", "B2:C3", "A1:Z900", "C3:D5", "A1:XFD1048576", "A1"] {
            let sheet = read(dimension, None);
            assert_eq!(sheet.value(0, 0), Cell::Float(1.5), "{dimension}");
            assert_eq!(sheet.value(1, 1), Cell::Float(2.5), "{dimension}");
            assert_eq!(sheet.value(2, 2), Cell::Float(4.0), "{dimension}");
            assert_eq!(sheet.text(4, 3).as_deref(), Some("note"), "{dimension}");
            assert_eq!(sheet.formula(2, 2), Some("A1+B2"), "{dimension}");
            assert_eq!(sheet.value(3, 3), Cell::Empty, "{dimension}");
            assert_eq!(sheet.row_span(), Some((0, 4)), "{dimension}");
            assert_eq!(sheet.col_span(), Some((0, 3)), "{dimension}");
        }
    }

    /// A sheet read only to its top rows holds only those.
    #[test]
    fn a_sheet_read_to_a_row_stops_there() {
        let sheet = read("A1:D5", Some(2));
        assert_eq!(sheet.value(2, 2), Cell::Float(4.0));
        assert_eq!(sheet.value(4, 3), Cell::Empty);
        assert_eq!(sheet.row_span(), Some((0, 2)));
    }
}
