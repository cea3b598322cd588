//! Every column of every sheet and every program input, described once: the title the window
//! shows and the export writes (in English and Spanish), what it is (the header's tooltip),
//! the note's symbol, what it holds, the input field it is typed into, and every other wording
//! a workbook may use for it, which the importer scores headers and labels against. Grids,
//! paste and copy, the audit log, validation messages, the export and the importer all read
//! it: adding a column is one entry in one of these lists.
//!
//! The importer always knows the exporter's own titles, so export → import holds by
//! construction.

mod inputs;
pub mod labels;
mod rounds;
mod targets;
mod values;
mod verification;

pub use inputs::ProgramInput;
pub use rounds::{RoundColumn, RoundsColumn};
pub use targets::TargetsColumn;
pub use values::ValuesColumn;
pub use verification::VerificationColumn;

use strum::IntoEnumIterator;

use crate::i18n::Lang;
use crate::model::{Field, Location};

/// A text in English and Spanish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
    pub es: &'static str,
}

impl Words {
    pub const fn new(en: &'static str, es: &'static str) -> Self {
        Self { en, es }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Es => self.es,
        }
    }

    /// The text in `lang` within a sentence: "Negotiated target" → "negotiated target" (a
    /// leading acronym such as "DALYs" or "GNI" keeps its capitals).
    pub fn lower(self, lang: Lang) -> String {
        let text = self.get(lang);
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if !second.is_uppercase() => first
                .to_lowercase()
                .chain(text[first.len_utf8()..].chars())
                .collect(),
            _ => text.to_owned(),
        }
    }
}

/// The title of the column `field` is typed into at `location` (a Targets or Values row, or a
/// program input).
pub fn title_of(location: Location, field: Field) -> Option<Words> {
    described(location, field).map(|(title, _)| title)
}

/// What the column `field` is typed into at `location` holds.
pub fn kind_of(location: Location, field: Field) -> Option<Kind> {
    described(location, field).map(|(_, kind)| kind)
}

fn described(location: Location, field: Field) -> Option<(Words, Kind)> {
    fn find<C: Column>(field: Field) -> Option<(Words, Kind)> {
        C::iter()
            .find(|c| c.field() == Some(field))
            .map(|c| (c.title(), c.kind()))
    }
    match location {
        Location::Indicator(_) => find::<TargetsColumn>(field),
        Location::Condition(_) => find::<ValuesColumn>(field),
        Location::Program => find::<ProgramInput>(field),
    }
}

/// What a column or input holds, to read it and show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text: a name.
    Text,
    /// A proportion, shown and typed as a percentage.
    Percent,
    /// An amount of money.
    Money,
    /// People or DALYs.
    Count,
    /// A plain number: a weight, a ratio, years.
    Plain,
    /// One of a few words (a direction, a flag, a timing).
    Choice,
}

/// Describes a column or input of a table: its title, symbol and import vocabulary.
pub trait Column: Copy + Eq + std::fmt::Debug + IntoEnumIterator + Send + Sync + 'static {
    /// The machine name used by `--map HEADER=KEY`, the JSON import report and remembered
    /// mappings.
    fn key(self) -> &'static str;
    /// The title the export writes and the window shows.
    fn title(self) -> Words;
    /// The note's symbol, when a workbook may head the column with it alone.
    fn symbol(self) -> Option<&'static str> {
        None
    }
    fn kind(self) -> Kind;
    /// The input field the column is typed into (`None` for the columns the model computes).
    fn field(self) -> Option<Field> {
        None
    }
    /// What the column is, for its header's tooltip (empty when the title says it all).
    fn describe(self) -> Words {
        Words::new("", "")
    }
    /// A shorter title for a narrow grid column ("N" for a population), if the title is long.
    fn short(self) -> Option<Words> {
        None
    }
    /// True for the columns the model computes from the others: a grid marks them "= ".
    fn is_computed(self) -> bool {
        self.field().is_none()
    }
    /// Other wordings of the title, English and Spanish, as copies of the IDB tool word it:
    /// the importer also scores against the title itself.
    fn vocabulary(self) -> &'static [&'static str] {
        &[]
    }

    /// The title a grid shows: the short title if there is one, "= " before a computed
    /// column's.
    fn grid_title(self, lang: crate::i18n::Lang) -> String {
        let title = self.short().unwrap_or(self.title()).get(lang);
        if self.is_computed() {
            format!("= {title}")
        } else {
            title.to_owned()
        }
    }

    /// "Baseline row 3": the accessible name of a grid cell (tests and screen readers find
    /// cells by it).
    fn cell_name(self, row: usize, lang: crate::i18n::Lang) -> String {
        let title = self.short().unwrap_or(self.title()).get(lang);
        crate::tr!(lang, "{title} row {}", "{title} fila {}", row + 1)
    }

    /// The column with the machine name `key`.
    fn from_key(key: &str) -> Option<Self> {
        Self::iter().find(|c| c.key() == key.trim())
    }
}
