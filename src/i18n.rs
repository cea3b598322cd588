//! English and Spanish: every text a user reads is written once as a pair, next to where it
//! is used, with [`Lang::t`] (plain text) or [`tr!`](crate::tr) (text with values in it).
//!
//! The language is a value passed to whatever writes text: the window has the one chosen in
//! its View menu, the command line the one of `--lang`, the export the one asked for. Nothing
//! reads a language from hidden state, so the same call gives the same text on any thread.
//! Both texts of a pair are checked by the compiler (a `tr!` pair must use the same values),
//! and `tests/language.rs` checks that no widget in the window is given text outside a pair.

use serde::{Deserialize, Serialize};

/// A language of the window, the messages and the exported workbook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Every language, in the order the View menu lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's own name, as the View menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The ISO 639-1 code used by `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language of a locale name such as `es_SV.UTF-8`, `es-MX` or `en_US`; `None` when
    /// it is neither English nor Spanish.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let code = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match code.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// `en` or `es`, whichever this language is.
    pub fn t(self, en: &'static str, es: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Es => es,
        }
    }

    /// The language of the system's locale (`LANG` and friends on Linux, the user's language
    /// on Windows and macOS); English when it is neither English nor Spanish.
    pub fn from_system() -> Lang {
        sys_locale::get_locale()
            .and_then(|locale| Lang::from_locale(&locale))
            .unwrap_or_default()
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_locale(s.trim())
            .ok_or_else(|| format!("\"{s}\" is not a language of rbf-targets; use en or es"))
    }
}

/// `format!` in a given language: `tr!(lang, "{n} rows", "{n} filas")`. Both format strings
/// must use the same values (the compiler checks each).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $en:literal, $es:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
            $crate::i18n::Lang::Es => format!($es $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_give_their_language() {
        assert_eq!(Lang::from_locale("es_SV.UTF-8"), Some(Lang::Es));
        assert_eq!(Lang::from_locale("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_locale("ES"), Some(Lang::Es));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr_FR"), None);
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale(""), None);
        assert_eq!("es".parse::<Lang>(), Ok(Lang::Es));
        assert!("de".parse::<Lang>().is_err());
    }

    #[test]
    fn the_language_picks_the_text() {
        assert_eq!(Lang::Es.t("Targets", "Metas"), "Metas");
        assert_eq!(tr!(Lang::Es, "{} rows", "{} filas", 3), "3 filas");
        assert_eq!(Lang::En.t("Targets", "Metas"), "Targets");
        assert_eq!(tr!(Lang::En, "{} rows", "{} filas", 3), "3 rows");
    }
}
