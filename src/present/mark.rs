//! The mark in words: its name, a figure that differs from it, and what it was.

use crate::i18n::Lang;
use crate::model::Location;
use crate::model::audit::utc_text;
use crate::model::mark::{Difference, Mark, Marked};
use crate::schema::{Kind, kind_of};
use crate::text::{format_amount, format_number, format_target};
use crate::tr;

/// "the mark “end of day 1”", or "the file was opened" for the mark set on opening.
pub fn name(mark: &Mark, lang: Lang) -> String {
    if mark.name.is_empty() {
        lang.t("the file was opened", "la apertura del archivo")
            .to_owned()
    } else {
        tr!(lang, "the mark “{}”", "la marca «{}»", mark.name)
    }
}

/// "Changes since the mark “end of day 1” (2026-11-30 09:12:00 UTC): 3".
pub fn since(mark: &Mark, changes: usize, lang: Lang) -> String {
    let (name, at) = (name(mark, lang), utc_text(mark.at));
    tr!(
        lang,
        "Changes since {name} ({at} UTC): {changes}",
        "Cambios desde {name} ({at} UTC): {changes}"
    )
}

/// A marked figure as the grids show it: a percentage, an amount, a number, "locked", or
/// what an empty optional input means.
pub fn value(at: Location, what: Marked, value: Option<f64>, lang: Lang) -> String {
    use crate::model::Field;
    let field = match what {
        Marked::FinalTarget => return value.map_or_else(|| "—".to_owned(), format_target),
        Marked::Input(field) => field,
    };
    let Some(v) = value else {
        return match field {
            Field::AnnualChange => lang.t("default", "por defecto"),
            Field::NegotiatedTarget => lang.t("model", "modelo"),
            _ => "—",
        }
        .to_owned();
    };
    if field == Field::Locked {
        let locked = crate::model::audit::Value::Locked(v > 0.0);
        return super::audit::value(&locked, lang);
    }
    match kind_of(at, field) {
        Some(Kind::Percent) => format_target(v),
        Some(Kind::Money | Kind::Count) => format_amount(v),
        _ => format_number(v),
    }
}

/// "Changed since the mark “end of day 1”: was 61.0%, now 64.0%".
pub fn changed(mark: &Mark, at: Location, difference: &Difference, lang: Lang) -> String {
    let name = name(mark, lang);
    let then = value(at, difference.what, difference.then, lang);
    let now = value(at, difference.what, difference.now, lang);
    tr!(
        lang,
        "Changed since {name}: was {then}, now {now}",
        "Cambió desde {name}: era {then}, ahora {now}"
    )
}

/// The titles of [`differences`]' columns.
pub fn difference_columns(lang: Lang) -> [&'static str; 3] {
    [
        lang.t("What", "Qué"),
        lang.t("At the mark", "En la marca"),
        lang.t("Now", "Ahora"),
    ]
}

/// Everything that differs from the mark, one row per input (worded as the audit log words
/// a change) and per final target: what, at the mark, now.
pub fn differences(
    mark: &Mark,
    project: &crate::model::Project,
    outcome: &crate::model::Outcome,
    lang: Lang,
) -> Vec<[String; 3]> {
    use crate::model::audit::{Item, Place};
    use crate::schema::{Column, TargetsColumn};
    let inputs = mark.changes(project).into_iter().map(|c| {
        [
            super::audit::what(&c.place, &c.item, lang),
            super::audit::value(&c.from, lang),
            super::audit::value(&c.to, lang),
        ]
    });
    let targets = mark
        .final_target_changes(project, outcome)
        .into_iter()
        .map(|(i, d)| {
            let place = Place::Targets {
                row: Some(i),
                name: Some(project.indicators[i].name.clone()),
            };
            let what = format!(
                "{}, {}",
                super::audit::what(&place, &Item::Legacy, lang),
                TargetsColumn::FinalTarget.title().lower(lang)
            );
            let at = Location::Indicator(i);
            [
                what,
                value(at, d.what, d.then, lang),
                value(at, d.what, d.now, lang),
            ]
        });
    inputs.chain(targets).collect()
}
