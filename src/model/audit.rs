//! The audit log: who changed which input or negotiated target, when, from what to what, and
//! why. [`changes`] lists what differs between two versions of a project, in words.

use crate::i18n::t;
use crate::tf;
use serde::{Deserialize, Serialize};

use super::{Condition, Indicator, Measurement, Program, Project, Round, Spread};
use crate::text::{format_number, format_percent};

/// One recorded change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditEntry {
    /// UTC time, "2026-11-22 14:05:09".
    pub time: String,
    /// Who made the change (the name set in the program, else the computer's user name).
    pub user: String,
    /// The action: "Edit baseline of row 3", "Rebalance unlocked rows", "Undo: …".
    pub action: String,
    /// Where: "Targets row 3 (Minimum of four antenatal care visits), baseline".
    pub what: String,
    /// The indicator's name, for filtering; empty for program inputs and conditions.
    pub indicator: String,
    pub old: String,
    pub new: String,
    /// Why, as typed by the user ("agreed with the ministry, day 2").
    pub reason: String,
}

impl AuditEntry {
    /// The titles of the columns an entry is shown and exported in, matching [`Self::cells`].
    pub fn columns() -> [&'static str; 7] {
        [
            t("Time (UTC)", "Hora (UTC)"),
            t("Who", "Quién"),
            t("Action", "Acción"),
            t("What", "Qué"),
            t("Old", "Antes"),
            t("New", "Después"),
            t("Reason", "Motivo"),
        ]
    }

    /// The entry's text in the order of [`Self::columns`].
    pub fn cells(&self) -> [&str; 7] {
        [
            &self.time,
            &self.user,
            &self.action,
            &self.what,
            &self.old,
            &self.new,
            &self.reason,
        ]
    }
}

/// A difference between two versions of a project.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub what: String,
    pub indicator: String,
    pub old: String,
    pub new: String,
}

fn pct(v: f64) -> String {
    format_percent(v, 2)
}

fn opt(v: Option<f64>, show: fn(f64) -> String) -> String {
    v.map_or_else(|| t("(empty)", "(vacío)").to_owned(), show)
}

fn measurement(m: &Option<Measurement>) -> String {
    match m {
        None => t("(none)", "(ninguna)").to_owned(),
        Some(m) => {
            let spread = match m.spread {
                Spread::StandardError(se) => tf!("SE {}", "EE {}", pct(se)),
                Spread::Sample { n, deff } => {
                    format!("n {}, DEFF {}", format_number(n), format_number(deff))
                }
                Spread::Interval { low, high } => {
                    tf!("95% CI {}–{}", "IC 95% {}–{}", pct(low), pct(high))
                }
            };
            format!("{} ({spread})", pct(m.estimate))
        }
    }
}

/// The measurement rounds as one field of the log: each round's name and months.
pub fn round_changes(c: &mut Collector, before: &[Round], after: &[Round]) {
    let show = |rounds: &[Round]| {
        rounds
            .iter()
            .map(|r| {
                tf!(
                    "{} ({} months)",
                    "{} ({} meses)",
                    r.name,
                    format_number(r.months)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    c.field(
        t("Rounds", "Rondas"),
        "",
        t("measurement rounds", "rondas de medición"),
        show(before),
        show(after),
    );
}

/// Collects the differences found, field by field.
#[derive(Default)]
pub struct Collector {
    pub changes: Vec<Change>,
}

impl Collector {
    pub fn field(&mut self, place: &str, indicator: &str, field: &str, old: String, new: String) {
        if old != new {
            self.changes.push(Change {
                what: format!("{place}, {field}"),
                indicator: indicator.to_owned(),
                old,
                new,
            });
        }
    }
}

pub fn program_changes(c: &mut Collector, a: &Program, b: &Program) {
    let place = t("Program", "Programa");
    let money = |v: f64| format_number(v);
    c.field(
        place,
        "",
        t("total program cost", "costo total del programa"),
        money(a.total_cost),
        money(b.total_cost),
    );
    c.field(
        place,
        "",
        t("program length (years)", "duración del programa (años)"),
        format_number(a.program_years),
        format_number(b.program_years),
    );
    c.field(
        place,
        "",
        t("GNI per capita", "INB per cápita"),
        money(a.gni_per_capita),
        money(b.gni_per_capita),
    );
    c.field(
        place,
        "",
        t("value of a DALY (× GNI)", "valor de un AVAD (× INB)"),
        format_number(a.daly_multiple),
        format_number(b.daly_multiple),
    );
    c.field(
        place,
        "",
        t("discount rate", "tasa de descuento"),
        pct(a.discount_rate),
        pct(b.discount_rate),
    );
    c.field(
        place,
        "",
        t("horizon (years)", "horizonte (años)"),
        a.horizon_years.to_string(),
        b.horizon_years.to_string(),
    );
    c.field(
        place,
        "",
        t("timing of benefits", "momento de los beneficios"),
        format!("{:?}", a.timing),
        format!("{:?}", b.timing),
    );
    c.field(
        place,
        "",
        t("ceiling", "techo"),
        pct(a.ceiling),
        pct(b.ceiling),
    );
    c.field(place, "", t("floor", "piso"), pct(a.floor), pct(b.floor));
    c.field(
        place,
        "",
        t(
            "required benefit-cost ratio",
            "relación beneficio-costo exigida",
        ),
        format_number(a.required_ratio),
        format_number(b.required_ratio),
    );
    c.field(
        place,
        "",
        t("default annual change", "cambio anual por defecto"),
        pct(a.default_annual_change),
        pct(b.default_annual_change),
    );
    c.field(
        place,
        "",
        t("sensitivity ranges", "rangos de sensibilidad"),
        format!("{:?}", a.sensitivity),
        format!("{:?}", b.sensitivity),
    );
    c.field(
        place,
        "",
        t("survey budget", "presupuesto de la encuesta"),
        opt(a.survey_budget, format_number),
        opt(b.survey_budget, format_number),
    );
    c.field(
        place,
        "",
        t("tranche rule", "regla del tramo"),
        a.tranche.describe(),
        b.tranche.describe(),
    );
    c.field(
        place,
        "",
        t("tranche amount", "monto del tramo"),
        money(a.tranche_amount),
        money(b.tranche_amount),
    );
}

pub fn condition_changes(c: &mut Collector, row: usize, a: &Condition, b: &Condition) {
    let place = tf!(
        "Values row {} ({})",
        "Valores fila {} ({})",
        row + 1,
        b.name
    );
    c.field(&place, "", "name", a.name.clone(), b.name.clone());
    c.field(
        &place,
        "",
        t("population group", "grupo de población"),
        a.group.clone(),
        b.group.clone(),
    );
    c.field(
        &place,
        "",
        t("DALYs", "AVAD"),
        format_number(a.dalys),
        format_number(b.dalys),
    );
    c.field(
        &place,
        "",
        t("population", "población"),
        format_number(a.population),
        format_number(b.population),
    );
}

pub fn indicator_changes(
    c: &mut Collector,
    row: usize,
    a: &Indicator,
    b: &Indicator,
    rounds: &[super::Round],
) {
    let place = tf!("Targets row {} ({})", "Metas fila {} ({})", row + 1, b.name);
    let name = b.name.as_str();
    c.field(
        &place,
        name,
        t("name", "nombre"),
        a.name.clone(),
        b.name.clone(),
    );
    c.field(
        &place,
        name,
        t("condition", "condición"),
        a.condition.clone(),
        b.condition.clone(),
    );
    c.field(
        &place,
        name,
        t("direction", "dirección"),
        a.direction.as_str().to_owned(),
        b.direction.as_str().to_owned(),
    );
    c.field(
        &place,
        name,
        t("population", "población"),
        format_number(a.population),
        format_number(b.population),
    );
    c.field(
        &place,
        name,
        t("baseline", "línea de base"),
        pct(a.baseline),
        pct(b.baseline),
    );
    c.field(
        &place,
        name,
        t("annual change", "cambio anual"),
        opt(a.annual_change, pct),
        opt(b.annual_change, pct),
    );
    c.field(
        &place,
        name,
        t("weight", "peso"),
        format_number(a.weight),
        format_number(b.weight),
    );
    c.field(
        &place,
        name,
        t("negotiated target", "meta negociada"),
        opt(a.negotiated_target, pct),
        opt(b.negotiated_target, pct),
    );
    let lock = |l: bool| {
        if l {
            t("locked", "fijada")
        } else {
            t("unlocked", "libre")
        }
        .to_owned()
    };
    c.field(
        &place,
        name,
        t("lock", "fijación"),
        lock(a.locked),
        lock(b.locked),
    );
    c.field(
        &place,
        name,
        t("survey design", "diseño de encuesta"),
        format!("{:?}", a.survey),
        format!("{:?}", b.survey),
    );
    c.field(
        &place,
        name,
        t("payment weight", "peso de pago"),
        format_number(a.payment_weight),
        format_number(b.payment_weight),
    );
    let count = a.measurements.len().max(b.measurements.len());
    for k in 0..count {
        let round = rounds
            .get(k)
            .map_or_else(|| tf!("round {}", "ronda {}", k + 1), |r| r.name.clone());
        let none = None;
        let old = a.measurements.get(k).unwrap_or(&none);
        let new = b.measurements.get(k).unwrap_or(&none);
        c.field(
            &place,
            name,
            &tf!("measurement at {round}", "medición en {round}"),
            measurement(old),
            measurement(new),
        );
    }
}

/// Every difference in the inputs between `before` and `after` (the audit log itself is not
/// compared). Rows are compared by position; added and removed rows are named.
pub fn changes(before: &Project, after: &Project) -> Vec<Change> {
    let mut c = Collector {
        changes: Vec::new(),
    };
    program_changes(&mut c, &before.program, &after.program);
    let (a, b) = (&before.metadata, &after.metadata);
    let project = t("Project", "Proyecto");
    for (field, old, new) in [
        (
            t("program name", "nombre del programa"),
            &a.program_name,
            &b.program_name,
        ),
        (t("country", "país"), &a.country, &b.country),
        (t("currency", "moneda"), &a.currency, &b.currency),
        (t("notes", "notas"), &a.notes, &b.notes),
    ] {
        c.field(project, "", field, old.clone(), new.clone());
    }
    c.field(
        project,
        "",
        t("sources", "fuentes"),
        a.sources.join(" | "),
        b.sources.join(" | "),
    );
    round_changes(&mut c, &before.rounds, &after.rounds);
    for (j, (a, b)) in before.conditions.iter().zip(&after.conditions).enumerate() {
        condition_changes(&mut c, j, a, b);
    }
    for (j, a) in before
        .conditions
        .iter()
        .enumerate()
        .skip(after.conditions.len())
    {
        c.field(
            &tf!("Values row {}", "Valores fila {}", j + 1),
            "",
            t("row", "fila"),
            a.name.clone(),
            t("(removed)", "(eliminada)").to_owned(),
        );
    }
    for (j, b) in after
        .conditions
        .iter()
        .enumerate()
        .skip(before.conditions.len())
    {
        c.field(
            &tf!("Values row {}", "Valores fila {}", j + 1),
            "",
            t("row", "fila"),
            t("(new)", "(nueva)").to_owned(),
            b.name.clone(),
        );
    }
    for (i, (a, b)) in before.indicators.iter().zip(&after.indicators).enumerate() {
        indicator_changes(&mut c, i, a, b, &after.rounds);
    }
    for (i, a) in before
        .indicators
        .iter()
        .enumerate()
        .skip(after.indicators.len())
    {
        c.field(
            &tf!("Targets row {}", "Metas fila {}", i + 1),
            &a.name,
            t("row", "fila"),
            a.name.clone(),
            t("(removed)", "(eliminada)").to_owned(),
        );
    }
    for (i, b) in after
        .indicators
        .iter()
        .enumerate()
        .skip(before.indicators.len())
    {
        c.field(
            &tf!("Targets row {}", "Metas fila {}", i + 1),
            &b.name,
            t("row", "fila"),
            t("(new)", "(nueva)").to_owned(),
            b.name.clone(),
        );
    }
    c.changes
}

/// The current UTC time as "YYYY-MM-DD hh:mm:ss".
pub fn now_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// (year, month, day) of a count of days since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
