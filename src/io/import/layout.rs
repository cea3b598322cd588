//! Finding the Values and Targets tables in a workbook: the header row whose words best match
//! each table's columns (anywhere in any sheet), the columns recognised by their words, by the
//! tool's formulas that refer to them, or as a last resort by their place in the IDB tool; and
//! the rows under the header that are the table's rows, the others (headings, blanks, totals,
//! notes) skipped with the reason.

use std::collections::HashMap;

use super::cells::Cell;

use super::book::Book;
use super::evaluate::CellId;
use super::evidence::{position_fallback, targets_evidence, values_evidence};
use super::report::{
    AnyColumn, Evidence, MappedColumn, SkipReason, SkippedRow, TableKind, TableReport,
};
use super::vocabulary::{Header, Vocabulary, best_assignment, header, normalize};
use crate::schema::{Column, TargetsColumn, ValuesColumn, labels};

/// A header score at or above this recognises a column.
pub const WORDS_THRESHOLD: f64 = 0.5;
/// How sure formula evidence is.
pub(super) const FORMULA_CONFIDENCE: f64 = 0.9;
/// How sure a position in the IDB tool's layout is.
pub(super) const POSITION_CONFIDENCE: f64 = 0.3;
/// Header rows are looked for in this many rows from the top of each sheet.
const HEADER_SEARCH_ROWS: u32 = 400;
/// And in this many columns.
const HEADER_SEARCH_COLUMNS: u32 = 200;
/// A table ends after this many blank rows in a row.
const BLANK_RUN_ENDS_TABLE: u32 = 20;

/// Columns assigned by hand, by header text: the column's machine name, or `None` to ignore it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Choices {
    by_header: Vec<(String, Option<String>)>,
}

impl Choices {
    /// Assigns the column headed `header` (in any table) to the column `key`, or ignores it.
    pub fn choose(&mut self, header: &str, key: Option<&str>) {
        let header = normalize(header);
        self.by_header.retain(|(h, _)| *h != header);
        self.by_header.push((header, key.map(str::to_owned)));
    }

    /// What was chosen for a header, if anything: `Some(None)` means "ignore".
    pub fn get(&self, header: &str) -> Option<Option<&str>> {
        let header = normalize(header);
        self.by_header
            .iter()
            .find(|(h, _)| *h == header)
            .map(|(_, key)| key.as_deref())
    }

    /// Every choice, as (normalized header, column key or `None` for ignore).
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.by_header
            .iter()
            .map(|(h, k)| (h.as_str(), k.as_deref()))
    }

    pub fn is_empty(&self) -> bool {
        self.by_header.is_empty()
    }

    /// Adds the choices of `other`, replacing those of the same headers.
    pub fn extend(&mut self, other: &Choices) {
        for (header, key) in other.iter() {
            self.choose(header, key);
        }
    }

    /// Parses `HEADER=key` (`--map`), where key is a column's machine name or `ignore`.
    pub fn parse_choice(text: &str) -> Result<(String, Option<String>), String> {
        let (header, key) = text
            .rsplit_once('=')
            .ok_or_else(|| format!("\"{text}\" is not HEADER=field"))?;
        let key = key.trim();
        let known = TargetsColumn::from_key(key).is_some() || ValuesColumn::from_key(key).is_some();
        if key.eq_ignore_ascii_case("ignore") {
            Ok((header.trim().to_owned(), None))
        } else if known {
            Ok((header.trim().to_owned(), Some(key.to_owned())))
        } else {
            let mut keys: Vec<&str> = TargetsColumn::iter()
                .map(Column::key)
                .chain(ValuesColumn::iter().map(Column::key))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            Err(format!(
                "\"{key}\" is not a column; use one of {} or ignore",
                keys.join(", ")
            ))
        }
    }
}

use strum::IntoEnumIterator;

/// A table found in a sheet.
#[derive(Clone, Debug)]
pub struct Table<C> {
    pub kind: TableKind,
    pub sheet: usize,
    pub header_row: u32,
    /// Every header cell, with the column it was taken for.
    pub columns: Vec<Mapped<C>>,
    /// The rows read as the table's rows.
    pub rows: Vec<u32>,
    pub skipped: Vec<SkippedRow>,
}

/// A header cell and the column it was taken for.
#[derive(Clone, Debug)]
pub struct Mapped<C> {
    pub col: u32,
    pub header: String,
    pub column: Option<C>,
    pub how: Option<Evidence>,
    pub confidence: f64,
}

impl<C: Column> Table<C> {
    /// The sheet column of `column`, if the table has it.
    pub fn col(&self, column: C) -> Option<u32> {
        self.columns
            .iter()
            .find(|m| m.column == Some(column))
            .map(|m| m.col)
    }

    /// The first and last sheet column under the header.
    pub fn span(&self) -> (u32, u32) {
        let first = self.columns.iter().map(|m| m.col).min().unwrap_or(0);
        let last = self.columns.iter().map(|m| m.col).max().unwrap_or(0);
        (first, last)
    }

    /// True when the cell is part of the table (header or rows).
    pub fn covers(&self, sheet: usize, row: u32, col: u32) -> bool {
        let (first, last) = self.span();
        let bottom = self.rows.last().copied().unwrap_or(self.header_row);
        sheet == self.sheet
            && (self.header_row..=bottom).contains(&row)
            && (first..=last).contains(&col)
    }

    /// The table as its report shows it.
    pub fn report(&self, book: &Book, wrap: fn(C) -> AnyColumn) -> TableReport {
        TableReport {
            kind: self.kind,
            sheet: book.sheets[self.sheet].name.clone(),
            header_row: self.header_row,
            columns: self
                .columns
                .iter()
                .map(|m| MappedColumn {
                    col: m.col,
                    header: m.header.clone(),
                    column: m.column.map(wrap),
                    how: m.how,
                    confidence: m.confidence,
                })
                .collect(),
            rows: self.rows.len(),
            skipped: self.skipped.clone(),
        }
    }
}

/// A header row considered.
struct Candidate<C> {
    sheet: usize,
    row: u32,
    cells: Vec<(u32, String)>,
    /// Word scores, cell by column (in `Vocabulary` order).
    scores: Vec<Vec<f64>>,
    assignment: Vec<Option<usize>>,
    total: f64,
    _column: std::marker::PhantomData<C>,
}

/// Header words of each distinct text, and its scores against each table's vocabulary,
/// computed once: the header search meets the same labels (condition names, directions) on
/// row after row.
#[derive(Default)]
pub struct HeaderCache {
    headers: HashMap<String, Header>,
    scores: HashMap<TableKind, HashMap<String, Vec<f64>>>,
}

impl HeaderCache {
    pub fn get(&mut self, text: &str) -> &Header {
        self.headers
            .entry(text.to_owned())
            .or_insert_with(|| header(text))
    }

    /// The scores of `text` against each entry of `vocabulary`, the vocabulary of `kind`.
    fn scores<C: Column>(
        &mut self,
        kind: TableKind,
        text: &str,
        vocabulary: &[Vocabulary<C>],
    ) -> Vec<f64> {
        if let Some(scores) = self.scores.get(&kind).and_then(|s| s.get(text)) {
            return scores.clone();
        }
        let h = self.get(text);
        let scores: Vec<f64> = vocabulary.iter().map(|v| v.score(h)).collect();
        self.scores
            .entry(kind)
            .or_default()
            .insert(text.to_owned(), scores.clone());
        scores
    }
}

/// Which columns a table needs to be recognised at all.
fn is_table<C: Column>(kind: TableKind, assigned: &[C]) -> bool {
    let keys: Vec<&str> = assigned.iter().map(|c| c.key()).collect();
    let has = |k: &str| keys.contains(&k);
    match kind {
        TableKind::Targets => {
            has("indicator")
                && [
                    "population",
                    "baseline",
                    "model_target",
                    "unit_value",
                    "present_value",
                    "annual_change",
                    "negotiated_target",
                    "final_target",
                ]
                .iter()
                .filter(|k| has(k))
                .count()
                    >= 2
        }
        TableKind::Values => has("condition") && (has("dalys") || has("population")),
    }
}

/// Sheet names that say which table a sheet holds.
fn named_for(kind: TableKind, sheet_name: &str) -> bool {
    let name = normalize(sheet_name);
    match kind {
        TableKind::Targets => {
            ["targets", "target", "metas", "meta", "objetivos"].contains(&name.as_str())
        }
        TableKind::Values => ["values", "value", "valores", "valor"].contains(&name.as_str()),
    }
}

fn candidate<C: Column>(
    book: &Book,
    kind: TableKind,
    (sheet, row): (usize, u32),
    cols: (u32, u32),
    vocabulary: &[Vocabulary<C>],
    choices: &Choices,
    cache: &mut HeaderCache,
) -> Option<Candidate<C>> {
    let s = &book.sheets[sheet];
    let cells: Vec<(u32, String)> = (cols.0..=cols.1.min(cols.0 + HEADER_SEARCH_COLUMNS))
        .filter_map(|col| match s.value(row, col) {
            Cell::String(text) if !text.trim().is_empty() && text.len() < 200 => {
                Some((col, text.trim().to_owned()))
            }
            _ => None,
        })
        .collect();
    if cells.len() < 2 {
        return None;
    }
    let scores: Vec<Vec<f64>> = cells
        .iter()
        .map(|(_, text)| match choices.get(text) {
            // Chosen by hand: that column only (or none), above any word score.
            Some(choice) => vocabulary
                .iter()
                .map(|v| {
                    if Some(v.column.key()) == choice {
                        2.0
                    } else {
                        0.0
                    }
                })
                .collect(),
            None => cache.scores(kind, text, vocabulary),
        })
        .collect();
    // Every table needs two recognised columns: a row with fewer (a data row, a note) is not
    // worth the assignment.
    let recognised = scores
        .iter()
        .filter(|row| row.iter().any(|&s| s >= WORDS_THRESHOLD))
        .count();
    if recognised < 2 {
        return None;
    }
    let assignment = best_assignment(&scores, WORDS_THRESHOLD);
    let total = assignment
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|j| scores[i][j].min(1.0)))
        .sum();
    Some(Candidate {
        sheet,
        row,
        cells,
        scores,
        assignment,
        total,
        _column: std::marker::PhantomData,
    })
}

/// The best header row of a table of `kind` in the workbook, skipping the sheets `set_aside`
/// marks and `exclude` (the other table's header).
fn best_candidate<C: Column>(
    book: &Book,
    kind: TableKind,
    choices: &Choices,
    cache: &mut HeaderCache,
    set_aside: &[bool],
    exclude: Option<(usize, u32)>,
) -> Option<Candidate<C>> {
    let vocabulary = Vocabulary::<C>::of_all();
    let mut best: Option<(f64, Candidate<C>)> = None;
    for (sheet, s) in book.sheets.iter().enumerate() {
        let (Some((r0, r1)), Some(cols)) = (s.row_span(), s.col_span()) else {
            continue;
        };
        if set_aside[sheet] {
            continue;
        }
        let bonus = if named_for(kind, &s.name) { 0.5 } else { 0.0 };
        for row in r0..=r1.min(r0.saturating_add(HEADER_SEARCH_ROWS)) {
            if exclude == Some((sheet, row)) {
                continue;
            }
            let at = (sheet, row);
            let Some(found) = candidate(book, kind, at, cols, vocabulary, choices, cache) else {
                continue;
            };
            let assigned: Vec<C> = found
                .assignment
                .iter()
                .filter_map(|a| a.map(|j| vocabulary[j].column))
                .collect();
            if !is_table(kind, &assigned) {
                continue;
            }
            let score = found.total + bonus;
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, found));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// For each sheet, whether the searches for the tables and for the program's inputs pass it
/// over: when the workbook has sheets named for both tables (Targets and Values, in either
/// language), the sheets named like the analysis sheets this program writes (Sensitivity,
/// Verification, Rounds, Audit, Changes), which are read back by name with their own layout.
/// A 10,000-row Verification sheet holds 10,000 names that would otherwise be scored as
/// headers and labels. A workbook without both named sheets is searched whole.
fn set_aside(book: &Book) -> Vec<bool> {
    let named = |kind| book.sheets.iter().any(|s| named_for(kind, &s.name));
    let analyses = [
        labels::SENSITIVITY_SHEET,
        labels::VERIFICATION_SHEET,
        labels::ROUNDS_SHEET,
        labels::AUDIT_SHEET,
        labels::CHANGES_SHEET,
    ]
    .map(|words| [normalize(words.en), normalize(words.es)]);
    let both = named(TableKind::Targets) && named(TableKind::Values);
    book.sheets
        .iter()
        .map(|s| both && analyses.iter().flatten().any(|n| *n == normalize(&s.name)))
        .collect()
}

/// The tables of a workbook.
pub struct Tables {
    pub targets: Option<Table<TargetsColumn>>,
    pub values: Option<Table<ValuesColumn>>,
    /// Cells the tool's formulas name as program inputs: the cost (numerator of d), the
    /// program length (factor of the trend) and GNI per capita (factor of the unit value),
    /// each with the formula cell that says so.
    pub cost_cell: Option<(CellId, CellId)>,
    pub years_cell: Option<(CellId, CellId)>,
    pub gni_cell: Option<(CellId, CellId)>,
    /// For each sheet, whether the searches pass it over ([`set_aside`]).
    pub set_aside: Vec<bool>,
}

/// Finds the Targets and Values tables. A header row that could head either is given to the
/// one whose columns it matches better.
pub fn find_tables(book: &Book, choices: &Choices) -> Tables {
    let mut cache = HeaderCache::default();
    let aside = set_aside(book);
    let mut targets = best_candidate::<TargetsColumn>(
        book,
        TableKind::Targets,
        choices,
        &mut cache,
        &aside,
        None,
    );
    let mut values =
        best_candidate::<ValuesColumn>(book, TableKind::Values, choices, &mut cache, &aside, None);
    if let (Some(t), Some(v)) = (&targets, &values)
        && (t.sheet, t.row) == (v.sheet, v.row)
    {
        if t.total >= v.total {
            values = best_candidate(
                book,
                TableKind::Values,
                choices,
                &mut cache,
                &aside,
                Some((t.sheet, t.row)),
            );
        } else {
            targets = best_candidate(
                book,
                TableKind::Targets,
                choices,
                &mut cache,
                &aside,
                Some((v.sheet, v.row)),
            );
        }
    }
    let stop = |other: Option<(usize, u32)>| other;
    let targets_at = targets.as_ref().map(|c| (c.sheet, c.row));
    let values_at = values.as_ref().map(|c| (c.sheet, c.row));
    let mut tables = Tables {
        targets: targets.map(|c| build(book, TableKind::Targets, c, stop(values_at), choices)),
        values: values.map(|c| build(book, TableKind::Values, c, stop(targets_at), choices)),
        cost_cell: None,
        years_cell: None,
        gni_cell: None,
        set_aside: aside,
    };
    if let Some(values) = &mut tables.values {
        tables.gni_cell = values_evidence(book, values);
    }
    if let Some(targets) = &mut tables.targets {
        let (cost, years) = targets_evidence(book, targets, tables.values.as_ref());
        tables.cost_cell = cost;
        tables.years_cell = years;
        position_fallback(book, targets);
    }
    tables
}

/// The table of a chosen header: its columns by words, and its rows.
fn build<C: Column>(
    book: &Book,
    kind: TableKind,
    c: Candidate<C>,
    other_header: Option<(usize, u32)>,
    choices: &Choices,
) -> Table<C> {
    let vocabulary = Vocabulary::<C>::of_all();
    let columns: Vec<Mapped<C>> = c
        .cells
        .iter()
        .zip(&c.assignment)
        .enumerate()
        .map(|(i, ((col, text), assigned))| {
            let column = assigned.map(|j| vocabulary[j].column);
            let confidence = assigned.map_or(0.0, |j| c.scores[i][j].min(1.0));
            let how = match assigned {
                Some(j) if c.scores[i][*j] > 1.0 => Some(Evidence::Chosen),
                Some(_) => Some(Evidence::Words),
                // Ignored by hand: kept so, whatever the formulas say.
                None if choices.get(text) == Some(None::<&str>) => Some(Evidence::Chosen),
                None => None,
            };
            Mapped {
                col: *col,
                header: text.clone(),
                column,
                how,
                confidence,
            }
        })
        .collect();
    let mut table = Table {
        kind,
        sheet: c.sheet,
        header_row: c.row,
        columns,
        rows: Vec::new(),
        skipped: Vec::new(),
    };
    let name = match kind {
        TableKind::Targets => "indicator",
        TableKind::Values => "condition",
    };
    let name_col = table
        .columns
        .iter()
        .find(|m| m.column.is_some_and(|c| c.key() == name))
        .map(|m| m.col)
        .unwrap_or(table.span().0);
    classify_rows(book, &mut table, name_col, other_header);
    table
}

/// What a row under the header holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowShape {
    Data,
    NameOnly,
    Total,
    Blank,
    NoName,
    TextOnly,
}

/// True when a row's name says it is a total ("Total", "Grand total", "Suma", "(a) Totales").
fn is_total(text: &str) -> bool {
    // Every word below holds one of these: most names hold none and are not normalized.
    let bytes = text.as_bytes();
    let holds = |part: &[u8]| {
        bytes
            .windows(part.len())
            .any(|w| w.eq_ignore_ascii_case(part))
    };
    if !(holds(b"tot") || holds(b"sum") || holds(b"grand")) {
        return false;
    }
    let name = normalize(text);
    let first = name.split(' ').next().unwrap_or("");
    ["total", "totales", "subtotal", "suma", "sum", "grand"].contains(&first)
}

/// Sorts the rows under the header into the table's rows and the rows skipped.
fn classify_rows<C: Column>(
    book: &Book,
    table: &mut Table<C>,
    name_col: u32,
    other_header: Option<(usize, u32)>,
) {
    let s = &book.sheets[table.sheet];
    let Some((_, last_row)) = s.row_span() else {
        return;
    };
    let (first_col, last_col) = table.span();
    let mut shapes: Vec<(u32, RowShape, String)> = Vec::new();
    let mut blanks = 0;
    for row in table.header_row + 1..=last_row {
        if other_header.is_some_and(|(sheet, r)| sheet == table.sheet && r == row) {
            break;
        }
        let name = s.text(row, name_col).filter(|t| !t.trim().is_empty());
        let mut numbers = false;
        let mut text = None;
        for col in first_col..=last_col {
            if col == name_col || s.is_blank(row, col) {
                continue;
            }
            match s.value(row, col) {
                Cell::String(t)
                    if s.formula(row, col).is_none() && crate::text::parse_percent(t).is_err() =>
                {
                    text.get_or_insert_with(|| t.trim().to_owned());
                }
                _ => numbers = true,
            }
        }
        // A row of the table has a name and at least one number; a name with only text
        // beside it is a heading (or, under the table, a note or a signature block).
        let shape = match (&name, numbers, &text) {
            (Some(n), _, _) if is_total(n) => RowShape::Total,
            (Some(_), true, _) => RowShape::Data,
            (Some(_), false, _) => RowShape::NameOnly,
            (None, true, _) => RowShape::NoName,
            (None, false, Some(_)) => RowShape::TextOnly,
            (None, false, None) => RowShape::Blank,
        };
        // The table ends after a run of rows that are not its rows (blank, or anything else
        // once it has had rows): what lies further down is something else.
        let seen_data = shapes.iter().any(|(_, s, _)| *s == RowShape::Data);
        if shape == RowShape::Blank || (seen_data && shape != RowShape::Data) {
            blanks += 1;
            if blanks >= BLANK_RUN_ENDS_TABLE {
                break;
            }
        } else {
            blanks = 0;
        }
        // A row of the table is listed by its number; only skipped rows keep their text.
        let label = if shape == RowShape::Data {
            String::new()
        } else {
            name.or(text).unwrap_or_default()
        };
        shapes.push((row, shape, label));
    }
    let last_data = shapes.iter().rposition(|(_, s, _)| *s == RowShape::Data);
    let Some(last_data) = last_data else {
        return;
    };
    for (i, (row, shape, label)) in shapes.into_iter().enumerate() {
        let after = i > last_data;
        let why = match shape {
            RowShape::Data => {
                table.rows.push(row);
                continue;
            }
            RowShape::Total => SkipReason::Total,
            RowShape::NameOnly | RowShape::TextOnly if after => SkipReason::Note,
            RowShape::NameOnly => SkipReason::Heading,
            RowShape::TextOnly => SkipReason::Note,
            RowShape::NoName if after => continue,
            RowShape::NoName => SkipReason::NoName,
            RowShape::Blank if after => continue,
            RowShape::Blank => SkipReason::Blank,
        };
        table.skipped.push(SkippedRow {
            row,
            why,
            text: label,
        });
    }
    // Blank rows after the last note say nothing.
    while table.skipped.last().is_some_and(|s| {
        s.why == SkipReason::Blank && s.row > table.rows.last().copied().unwrap_or(0)
    }) {
        table.skipped.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::{is_total, set_aside};
    use crate::io::import::book::{Book, Sheet};

    fn book(names: &[&str]) -> Book {
        Book {
            sheets: names
                .iter()
                .map(|name| Sheet::from_cells(name, Vec::new(), Vec::new()))
                .collect(),
            names: Vec::new(),
            formulas_exact: true,
        }
    }

    /// The analysis sheets are passed over only beside sheets named for both tables; any
    /// other sheet, and every sheet of a workbook without both, is searched.
    #[test]
    fn analysis_sheets_are_set_aside_beside_both_named_tables() {
        let exported = [
            "Metas",
            "Valores",
            "Sensibilidad",
            "Verificación",
            "Rondas",
            "Notes",
        ];
        let english = [
            "Targets",
            "Values",
            "Verification",
            "Audit",
            "Changes",
            "Census",
        ];
        for names in [exported, english] {
            let expected = [false, false, true, true, true, false];
            assert_eq!(set_aside(&book(&names)), expected, "{names:?}");
        }
        for foreign in [
            &["Verification", "Values"][..],
            &["Targets", "Sensitivity"],
            &["Sheet1", "Changes"],
        ] {
            assert!(!set_aside(&book(foreign)).contains(&true), "{foreign:?}");
        }
    }

    #[test]
    fn totals_are_told_from_names() {
        for total in [
            "Total",
            "TOTALES",
            "Grand total",
            "Suma",
            "sum",
            "(a) Total",
            "Subtotal",
        ] {
            assert!(is_total(total), "{total}");
        }
        for name in [
            "Consumption of iron",
            "Antenatal care",
            "Sub-total",
            "Totally new",
            "",
        ] {
            assert!(!is_total(name), "{name}");
        }
    }
}
