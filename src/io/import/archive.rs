//! Opening a workbook file: size limits, a zip-bomb check from the archive's directory before
//! anything is decompressed, password protection, and reading every sheet with calamine.

use std::path::Path;

use std::sync::atomic::AtomicUsize;

use calamine::{Reader, open_workbook_auto};

use super::ImportError;
use super::book::{Book, Sheet};
use super::vocabulary::normalize;

/// Workbooks larger than this are refused before they are opened.
pub const MAX_WORKBOOK_BYTES: u64 = 100 * 1024 * 1024;
/// A workbook may expand to at most this much when unzipped.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;

/// Reads every sheet of a workbook file (.xlsx, .xlsm, .xls, .ods).
pub fn read_book(path: &Path) -> Result<Book, ImportError> {
    let file = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| ImportError::Open {
            file: file.clone(),
            reason: e.to_string(),
        })?
        .len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(ImportError::TooLarge { file, size });
    }
    let unzipped = check_archive(path, &file)?;
    let open = || {
        open_workbook_auto(path).map_err(|error| match error {
            calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password) => {
                ImportError::Encrypted { file: file.clone() }
            }
            other => ImportError::NotAWorkbook {
                file: file.clone(),
                reason: other.to_string(),
            },
        })
    };
    let mut workbook = open()?;
    let names = workbook.defined_names().to_vec();
    let formulas_exact = !matches!(workbook, calamine::Sheets::Xls(_));
    let sheet_names = workbook.sheet_names();
    let cells = AtomicUsize::new(0);
    // Reads the sheets at `indices` in turn, stopping at the first that cannot be read.
    let read = |workbook: &mut calamine::Sheets<_>, indices: &mut dyn Iterator<Item = usize>| {
        let mut read = Vec::new();
        for index in indices {
            let name = &sheet_names[index];
            // Only the ranges at the top of a Sensitivity sheet are read back.
            let max_row = ["sensitivity", "sensibilidad"]
                .contains(&normalize(name).as_str())
                .then_some(12);
            let sheet =
                Sheet::read(workbook, name, max_row, &cells).map_err(|reason| ImportError::Sheet {
                    file: file.clone(),
                    sheet: name.clone(),
                    reason,
                });
            let failed = sheet.is_err();
            read.push((index, sheet));
            if failed {
                break;
            }
        }
        read
    };
    // A large xlsx workbook's sheets are read on two threads, each with its own reader of the
    // archive: the first, third, … sheet on this one, the others on a second (a workbook
    // exported by this program has Targets first and its other large sheet fourth). A small
    // one is read on this thread alone: a second reader reads the workbook's strings and
    // styles again, which takes longer than its sheets.
    let two = matches!(workbook, calamine::Sheets::Xlsx(_))
        && sheet_names.len() > 1
        && unzipped > PARALLEL_FROM_BYTES;
    let mut read_sheets = std::thread::scope(|scope| {
        let odd = two.then(|| {
            scope.spawn(|| match open() {
                Ok(mut other) => read(&mut other, &mut (1..sheet_names.len()).step_by(2)),
                Err(error) => vec![(1, Err(error))],
            })
        });
        let step = if two { 2 } else { 1 };
        let mut all = read(&mut workbook, &mut (0..sheet_names.len()).step_by(step));
        if let Some(odd) = odd {
            all.extend(odd.join().unwrap_or_else(|_| {
                let reason = "a sheet's reader stopped".to_owned();
                let file = file.clone();
                vec![(1, Err(ImportError::NotAWorkbook { file, reason }))]
            }));
        }
        all
    });
    // In sheet order, so that the first sheet that cannot be read is the one named.
    read_sheets.sort_by_key(|(i, _)| *i);
    let sheets = read_sheets
        .into_iter()
        .map(|(_, sheet)| sheet)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Book {
        sheets,
        names,
        formulas_exact,
    })
}

/// Workbooks whose parts expand to more than this are read on two threads.
const PARALLEL_FROM_BYTES: u64 = 1024 * 1024;

/// Refuses a zip archive (xlsx, ods) whose parts would expand beyond [`MAX_UNZIPPED_BYTES`] or
/// by more than 200 times (a "zip bomb"), from the sizes its directory declares, before
/// anything is decompressed. The decompressor stops at the declared size, so a part that lies
/// about it is cut short, not expanded. Returns the size the parts declare together (0 for a
/// file that is not a zip archive).
fn check_archive(path: &Path, file: &str) -> Result<u64, ImportError> {
    let Ok(handle) = std::fs::File::open(path) else {
        return Ok(0);
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(handle)) else {
        return Ok(0); // Not a zip archive: the reader says what it is not.
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(index) else {
            continue;
        };
        let (size, compressed) = (part.size(), part.compressed_size());
        total = total.saturating_add(size);
        if size > 16 * 1024 * 1024 && size / compressed.max(1) > 200 {
            return Err(ImportError::Expands {
                file: file.to_owned(),
                part: Some(part.name().map(|n| n.into_owned()).unwrap_or_default()),
                size,
            });
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(ImportError::Expands {
            file: file.to_owned(),
            part: None,
            size: total,
        });
    }
    Ok(total)
}
