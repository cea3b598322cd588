//! What the room sees: the benefit-cost ratio and its verdict, the surplus or shortfall, d,
//! and the Targets table with the rows at a bound, the locked rows and what changed since the
//! mark, in the driver's language. The presenter window draws it and the live view for
//! participants receives it as JSON, so the two always show the same figures.

use serde::Serialize;

use crate::document::Document;
use crate::i18n::Lang;
use crate::model::Bound;
use crate::model::Location;
use crate::model::mark::Marked;
use crate::schema::{Column, TargetsColumn as T};
use crate::text::{format_amount, format_percent, format_ratio, format_target};
use crate::tr;

/// Everything the presenter window and the live view show.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RoomView {
    /// "en" or "es".
    pub lang: &'static str,
    /// Program and country.
    pub title: String,
    pub ratio_label: &'static str,
    /// "1.60", or "—" when it cannot be computed.
    pub ratio: String,
    /// "meets the required 1", "below the required 1", or why it cannot be computed.
    pub verdict: String,
    /// Whether the ratio meets the requirement.
    pub meets: bool,
    pub surplus_label: &'static str,
    pub surplus: String,
    pub impact_label: &'static str,
    pub impact: String,
    /// "Changes since the mark “end of day 1” (Mon 30 Nov 2026 09:12 UTC): 3".
    pub mark: String,
    pub columns: [&'static str; 5],
    pub rows: Vec<RoomRow>,
    /// Words the page needs: the bound and lock marks' meanings, the lost connection.
    pub legend: String,
    /// What a highlighted row means (the presenter window writes bounds and locks in words).
    pub highlight_legend: &'static str,
    /// "locked", before a locked row's name in the presenter window.
    pub locked_word: &'static str,
    pub lost: &'static str,
}

/// One Targets row as the room sees it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RoomRow {
    pub number: usize,
    pub indicator: String,
    pub baseline: String,
    pub counterfactual: String,
    pub final_target: String,
    /// "ceiling" or "floor" when the model target is held at a bound.
    pub bound: Option<&'static str>,
    /// "▲" at the ceiling, "▼" at the floor, else empty.
    pub bound_sign: &'static str,
    pub locked: bool,
    /// The final target at the mark, when it differs ("61.0% → 64.0%").
    pub changed: Option<String>,
    /// The same in words, for the presenter window ("was 61.0%").
    pub was: Option<String>,
}

impl RoomView {
    /// The view of `document` in `lang`, every row included (what the browsers receive).
    pub fn of(document: &Document, lang: Lang) -> Self {
        let rows = (0..document.project().indicators.len())
            .map(|i| RoomRow::of(document, i, lang))
            .collect();
        Self {
            rows,
            ..Self::figures(document, lang)
        }
    }

    /// The view without its rows: the presenter window draws only the rows it shows, with
    /// [`RoomRow::of`].
    pub fn figures(document: &Document, lang: Lang) -> Self {
        let project = document.project();
        let outcome = document.outcome();
        let program = &project.program;
        let currency = project.metadata.currency();
        let required = program.required_ratio;
        let (ratio, verdict, meets) = match outcome.benefit_cost_ratio {
            Some(ratio) => (
                format_ratio(ratio, required),
                super::verdict(ratio >= required, required, lang),
                ratio >= required,
            ),
            None => (
                "—".to_owned(),
                lang.t("cannot be computed yet", "aún no se puede calcular")
                    .to_owned(),
                false,
            ),
        };
        let (surplus_label, surplus) = super::surplus(outcome.surplus, lang);
        let surplus = surplus.map_or_else(
            || "—".to_owned(),
            |s| format!("{currency} {}", format_amount(s)),
        );
        let impact = outcome.minimum_impact.map_or_else(
            || "—".to_owned(),
            |d| {
                tr!(
                    lang,
                    "{} points",
                    "{} puntos",
                    crate::text::format_fixed(d * 100.0, 2)
                )
            },
        );
        Self {
            lang: lang.code(),
            title: project.metadata.title(),
            ratio_label: lang.t("Benefit-cost ratio", "Relación beneficio-costo"),
            ratio,
            verdict,
            meets,
            surplus_label,
            surplus,
            impact_label: T::MinimumImpact.title().get(lang),
            impact,
            mark: super::mark::since(document.mark(), document.changes_since_mark().len(), lang),
            columns: [
                "#",
                T::Indicator.title().get(lang),
                T::Baseline.title().get(lang),
                T::Counterfactual.title().get(lang),
                T::FinalTarget.title().get(lang),
            ],
            rows: Vec::new(),
            legend: lang
                .t(
                    "▲ held at the ceiling · ▼ held at the floor · LOCKED: agreed, kept by a \
                     rebalance · highlighted: changed since the mark",
                    "▲ en el techo · ▼ en el piso · FIJADA: acordada, el reequilibrio la \
                     conserva · resaltada: cambió desde la marca",
                )
                .to_owned(),
            highlight_legend: lang.t(
                "Highlighted: changed since the mark (what it was is written beside the target).",
                "Resaltada: cambió desde la marca (lo que era se escribe junto a la meta).",
            ),
            locked_word: lang.t("LOCKED", "FIJADA"),
            lost: lang.t(
                "Connection lost — reconnecting…",
                "Conexión perdida — reconectando…",
            ),
        }
    }
}

impl RoomRow {
    /// Targets row `i` of `document` as the room sees it.
    pub fn of(document: &Document, i: usize, lang: Lang) -> Self {
        let project = document.project();
        let outcome = document.outcome();
        let indicator = &project.indicators[i];
        let computed = outcome.indicators.get(i);
        let targets = computed.and_then(|c| c.targets.as_ref());
        let at = Location::Indicator(i);
        let difference = document
            .mark()
            .difference(project, outcome, at, Marked::FinalTarget);
        let shown = |v| super::mark::value(at, Marked::FinalTarget, v, lang);
        let changed = difference.map(|d| format!("{} → {}", shown(d.then), shown(d.now)));
        let was = difference.map(|d| {
            let then = shown(d.then);
            tr!(lang, "was {then}", "antes {then}")
        });
        let bound = targets.and_then(|t| t.bound);
        RoomRow {
            number: i + 1,
            indicator: indicator.name.clone(),
            baseline: format_percent(indicator.baseline, 1),
            counterfactual: computed
                .and_then(|c| c.counterfactual)
                .map_or_else(|| "—".to_owned(), |c| format_percent(c, 1)),
            final_target: targets.map_or_else(|| "—".to_owned(), |t| format_target(t.final_target)),
            bound: bound.map(|b| match b {
                Bound::Ceiling => lang.t("ceiling", "techo"),
                Bound::Floor => lang.t("floor", "piso"),
            }),
            bound_sign: match bound {
                Some(Bound::Ceiling) => "▲",
                Some(Bound::Floor) => "▼",
                None => "",
            },
            locked: indicator.locked,
            changed,
            was,
        }
    }
}
