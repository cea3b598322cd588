//! Opening a workbook file: size limits, a zip-bomb check from the archive's directory before
//! anything is decompressed, password protection, and reading every sheet with calamine.

use std::path::Path;

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
    check_archive(path, &file)?;
    let mut workbook = open_workbook_auto(path).map_err(|error| match error {
        calamine::Error::Xlsx(calamine::XlsxError::Password)
        | calamine::Error::Xls(calamine::XlsError::Password)
        | calamine::Error::Ods(calamine::OdsError::Password) => {
            ImportError::Encrypted { file: file.clone() }
        }
        other => ImportError::NotAWorkbook {
            file: file.clone(),
            reason: other.to_string(),
        },
    })?;
    let names = workbook.defined_names().to_vec();
    let formulas_exact = !matches!(workbook, calamine::Sheets::Xls(_));
    let mut sheets = Vec::new();
    let mut cells = 0;
    for name in workbook.sheet_names() {
        // Only the ranges at the top of a Sensitivity sheet are read back.
        let max_row = ["sensitivity", "sensibilidad"]
            .contains(&normalize(&name).as_str())
            .then_some(12);
        let sheet = Sheet::read(&mut workbook, &name, max_row, &mut cells).map_err(|reason| {
            ImportError::Sheet {
                file: file.clone(),
                sheet: name.clone(),
                reason,
            }
        })?;
        sheets.push(sheet);
    }
    Ok(Book {
        sheets,
        names,
        formulas_exact,
    })
}

/// Refuses a zip archive (xlsx, ods) whose parts would expand beyond [`MAX_UNZIPPED_BYTES`] or
/// by more than 200 times (a "zip bomb"), from the sizes its directory declares, before
/// anything is decompressed. The decompressor stops at the declared size, so a part that lies
/// about it is cut short, not expanded.
fn check_archive(path: &Path, file: &str) -> Result<(), ImportError> {
    let Ok(handle) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(handle)) else {
        return Ok(()); // Not a zip archive: the reader says what it is not.
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
    Ok(())
}
