//! Problems with inputs in words: "Targets row 3 (Anemia), baseline: 130.0% is outside
//! 0%–100%".

use crate::i18n::Lang;
use crate::model::problem::{Field, Location, PrecisionPart, Problem, ProblemKind};
use crate::model::{Bound, Severity};
use crate::schema::{self, Column as _, Words, labels};
use crate::text::{format_amount, format_number, format_percent};
use crate::tr;

/// The sheet a location is on, as the IDB Excel tool names it in `lang`.
pub fn sheet(location: Location, lang: Lang) -> &'static str {
    match location {
        Location::Program | Location::Indicator(_) => labels::TARGETS_SHEET.get(lang),
        Location::Condition(_) => labels::VALUES_SHEET.get(lang),
    }
}

/// The schema's title of the column or input `field` is typed into, where the field has one.
fn schema_title(field: Field) -> Option<Words> {
    use schema::VerificationColumn as S;
    use schema::{ProgramInput as P, TargetsColumn as T, ValuesColumn as V};
    Some(match field {
        Field::TotalCost => P::TotalCost.title(),
        Field::ProgramYears => P::ProgramYears.title(),
        Field::GniPerCapita => P::GniPerCapita.title(),
        Field::DalyMultiple => P::DalyMultiple.title(),
        Field::DiscountRate => P::DiscountRate.title(),
        Field::HorizonYears => P::HorizonYears.title(),
        Field::Ceiling => P::Ceiling.title(),
        Field::Floor => P::Floor.title(),
        Field::RequiredRatio => P::RequiredRatio.title(),
        Field::DefaultAnnualChange => P::DefaultAnnualChange.title(),
        Field::Timing => P::Timing.title(),
        Field::ProgramName => P::ProgramName.title(),
        Field::Country => P::Country.title(),
        Field::Currency => P::Currency.title(),
        Field::Notes => P::Notes.title(),
        Field::Sources => P::Sources.title(),
        Field::Group => V::Group.title(),
        Field::Dalys => V::Dalys.title(),
        Field::Population => V::Population.title(),
        Field::Condition => T::Condition.title(),
        Field::Baseline => T::Baseline.title(),
        Field::AnnualChange => T::AnnualChange.title(),
        Field::Weight => T::Weight.title(),
        Field::NegotiatedTarget => T::NegotiatedTarget.title(),
        Field::Counterfactual => T::Counterfactual.title(),
        Field::Power => S::Power.title(),
        Field::PaymentWeight => S::PaymentWeight.title(),
        Field::Test => S::Test.title(),
        Field::RoundMonths(_) => schema::RoundColumn::Months.title(),
        _ => return None,
    })
}

/// "Targets row 3", "Values row 1", or "Targets" for the program inputs.
pub fn place(location: Location, lang: Lang) -> String {
    match location.row_number() {
        Some(row) => tr!(lang, "{} row {row}", "{} fila {row}", sheet(location, lang)),
        None => sheet(location, lang).to_owned(),
    }
}

/// "error" or "warning".
pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.t("error", "error"),
        Severity::Warning => lang.t("warning", "advertencia"),
    }
}

/// The label of an input field a negotiator sees, in lower case within a sentence: the
/// schema's title where the field has a column, else its own words.
pub fn field_label(field: Field, lang: Lang) -> String {
    if let Some(title) = schema_title(field) {
        return title.lower(lang);
    }
    let (en, es) = match field {
        Field::Indicators => ("indicators", "indicadores"),
        Field::Name => ("name", "nombre"),
        Field::PlannedSample => ("planned sample size", "tamaño de muestra planificado"),
        Field::ClusterSize => ("cluster size m", "tamaño de conglomerado m"),
        Field::Icc => ("intraclass correlation ρ", "correlación intraclase ρ"),
        Field::DesignEffect => ("design effect", "efecto de diseño"),
        Field::Alpha => ("significance α", "significancia α"),
        Field::CounterfactualSe => (
            "standard error of the counterfactual",
            "error estándar del contrafactual",
        ),
        Field::Measurement(_) | Field::MeasurementPart(..) => ("measurement", "medición"),
        Field::SurveyBudget => ("survey budget", "presupuesto de la encuesta"),
        Field::TrancheThreshold => ("share of targets required", "proporción de metas exigida"),
        Field::TrancheAmount => ("performance tranche", "tramo de desempeño"),
        Field::SensitivityRange(_) => ("sensitivity range", "rango de sensibilidad"),
        Field::SensitivityRanges => ("sensitivity ranges", "rangos de sensibilidad"),
        Field::RoundName(_) => ("round name", "nombre de la ronda"),
        Field::TrancheRule => ("tranche rule", "regla del tramo"),
        Field::TargetPrecision => (
            "precision of agreed targets",
            "precisión de las metas acordadas",
        ),
        Field::Direction => ("direction", "dirección"),
        Field::Locked => ("lock", "fijación"),
        Field::SurveyDesign => ("survey design", "diseño de encuesta"),
        _ => ("input", "dato"),
    };
    lang.t(en, es).to_owned()
}

/// The whole sentence: where, which field, and what is wrong.
pub fn sentence(problem: &Problem, lang: Lang) -> String {
    let mut out = place(problem.location, lang);
    if problem.location.row_number().is_some() && !problem.row_name.is_empty() {
        out.push_str(&format!(" ({})", problem.row_name));
    }
    let field = field_label(problem.field, lang);
    format!("{out}, {field}: {}", reason(problem, lang))
}

/// A number for a message: never "NaN" or "inf" without saying what it is.
fn shown(value: f64, lang: Lang) -> String {
    if value.is_finite() {
        format_number(value)
    } else {
        not_finite(lang)
    }
}

fn shown_percent(value: f64, lang: Lang) -> String {
    if (value * 100.0).is_finite() {
        format_percent(value, 1)
    } else {
        not_finite(lang)
    }
}

fn not_finite(lang: Lang) -> String {
    lang.t(
        "a value that is not a finite number",
        "un valor que no es un número finito",
    )
    .to_owned()
}

/// What is wrong and what was expected, without the location.
pub fn reason(problem: &Problem, lang: Lang) -> String {
    let field = problem.field;
    match &problem.kind {
        ProblemKind::Missing => {
            let what = missing_what(field, problem.location, lang);
            tr!(lang, "no value; enter {what}", "sin valor; ingrese {what}")
        }
        ProblemKind::Invalid { value } => invalid(field, problem.location, *value, lang),
        ProblemKind::OutsideProportion { value } => match field {
            Field::DiscountRate => tr!(
                lang,
                "{} is outside 0%–100%; enter a yearly rate such as 12%",
                "{} está fuera de 0%–100%; ingrese una tasa anual como 12%",
                shown_percent(*value, lang)
            ),
            _ => tr!(
                lang,
                "{} is outside 0%–100%",
                "{} está fuera de 0%–100%",
                shown_percent(*value, lang)
            ),
        },
        ProblemKind::Years { value } => tr!(
            lang,
            "{value} years is not a horizon; enter 1 to 200 years",
            "{value} años no es un horizonte; ingrese de 1 a 200 años"
        ),
        ProblemKind::FloorAboveCeiling { floor, ceiling } => tr!(
            lang,
            "the floor {} is above the ceiling {}; the floor bounds lower-is-better targets \
             from below",
            "el piso {} está por encima del techo {}; el piso acota desde abajo las metas en \
             que menos es mejor",
            shown_percent(*floor, lang),
            shown_percent(*ceiling, lang)
        ),
        ProblemKind::TrancheSteps => lang
            .t(
                "every step needs a share met and a fraction paid between 0% and 100%",
                "cada escalón necesita una proporción cumplida y una fracción pagada entre 0% \
                 y 100%",
            )
            .to_owned(),
        ProblemKind::NoIndicators => lang
            .t(
                "there are no indicators; add at least one row to the Targets sheet",
                "no hay indicadores; agregue al menos una fila a la hoja Metas",
            )
            .to_owned(),
        ProblemKind::NoBenefit => lang
            .t(
                "no indicator carries any benefit (Σ w·N·V is zero), so the minimum impact d \
                 cannot be computed; check the weights, populations and DALYs",
                "ningún indicador aporta beneficio (Σ w·N·V es cero), así que no se puede \
                 calcular el impacto mínimo d; revise los pesos, las poblaciones y los AVAD",
            )
            .to_owned(),
        ProblemKind::TooLarge { total_benefit } => {
            let what = if *total_benefit {
                lang.t("the total benefit", "el beneficio total")
            } else {
                lang.t("the minimum impact d", "el impacto mínimo d")
            };
            tr!(
                lang,
                "{what} is too large to compute from these inputs; check the units of the \
                 cost, GNI per capita, DALYs and populations",
                "{what} es demasiado grande para calcularse con estos datos; revise las \
                 unidades del costo, el INB per cápita, los AVAD y las poblaciones"
            )
        }
        ProblemKind::NoName => lang
            .t(
                "the condition has no name; indicators link to conditions by name",
                "la condición no tiene nombre; los indicadores se vinculan a las condiciones \
                 por nombre",
            )
            .to_owned(),
        ProblemKind::DuplicateName { name, above: true } => tr!(
            lang,
            "another condition above is also called \"{name}\"; names must be unique so that \
             indicators link to one",
            "otra condición más arriba también se llama \"{name}\"; los nombres deben ser \
             únicos para que los indicadores se vinculen a una sola"
        ),
        ProblemKind::DuplicateName { name, above: false } => tr!(
            lang,
            "another condition is also called \"{name}\"; names must be unique",
            "otra condición también se llama \"{name}\"; los nombres deben ser únicos"
        ),
        ProblemKind::NoCondition => lang
            .t(
                "no condition is chosen; pick the Values row whose DALYs this indicator \
                 improves",
                "no se eligió una condición; elija la fila de Valores cuyos AVAD mejora este \
                 indicador",
            )
            .to_owned(),
        ProblemKind::UnknownCondition { name } => tr!(
            lang,
            "\"{name}\" is not a condition of the Values sheet",
            "\"{name}\" no es una condición de la hoja Valores"
        ),
        ProblemKind::BeyondBound { target, bound, at } => {
            let side = match bound {
                Bound::Ceiling => lang.t("above the ceiling", "por encima del techo"),
                Bound::Floor => lang.t("below the floor", "por debajo del piso"),
            };
            tr!(
                lang,
                "{} is {side} of {}",
                "{} está {side} de {}",
                shown_percent(*target, lang),
                shown_percent(*at, lang)
            )
        }
        ProblemKind::WrongWay {
            target,
            counterfactual,
            lower_is_better,
            lost,
            currency,
        } => {
            let side = if *lower_is_better {
                lang.t("above", "por encima de")
            } else {
                lang.t("below", "por debajo de")
            };
            tr!(
                lang,
                "{} is {side} the counterfactual {}: a worse result than doing nothing, which \
                 takes {currency} {} off the benefits",
                "{} está {side} el contrafactual {}: un resultado peor que no hacer nada, que \
                 quita {currency} {} a los beneficios",
                format_percent(*target, 1),
                format_percent(*counterfactual, 1),
                format_amount(*lost)
            )
        }
        ProblemKind::FastTrend { change } => tr!(
            lang,
            "{} points a year is a very fast trend; to enter a trend of {} points a year type \
             \"{}%\"",
            "{} puntos por año es una tendencia muy rápida; para ingresar una tendencia de {} \
             puntos por año escriba \"{}%\"",
            format_number(change * 100.0),
            format_number(*change),
            format_number(*change)
        ),
        ProblemKind::CounterfactualHeld {
            reached,
            years,
            counted,
        } => tr!(
            lang,
            "the trend takes the indicator to {} in {} years, outside 0%–100%; the \
             counterfactual is counted as {}. Check the annual change",
            "la tendencia lleva el indicador a {} en {} años, fuera de 0%–100%; el \
             contrafactual se cuenta como {}. Revise el cambio anual",
            format_percent(*reached, 1),
            format_number(*years),
            format_percent(*counted, 0)
        ),
        ProblemKind::Estimate { round, value } => {
            let round = round_name(round.as_deref(), field, lang);
            tr!(
                lang,
                "{round}: the estimate {} is outside 0%–100%",
                "{round}: la estimación {} está fuera de 0%–100%",
                shown_percent(*value, lang)
            )
        }
        ProblemKind::Precision { round, part } => {
            let round = round_name(round.as_deref(), field, lang);
            let expected = precision_expected(*part, lang);
            tr!(
                lang,
                "{round}: expected {expected}",
                "{round}: se esperaba {expected}"
            )
        }
        ProblemKind::TooManyMeasurements {
            measurements,
            rounds,
        } => tr!(
            lang,
            "{measurements} measurements for {rounds} rounds; a measurement has no round",
            "{measurements} mediciones para {rounds} rondas; una medición no tiene ronda"
        ),
    }
}

/// The round's own name, or "round k" when the project has no such round.
fn round_name(name: Option<&str>, field: Field, lang: Lang) -> String {
    match (name, field) {
        (Some(name), _) => name.to_owned(),
        (None, Field::MeasurementPart(k, _) | Field::Measurement(k)) => {
            tr!(lang, "round {}", "ronda {}", k + 1)
        }
        (None, _) => lang.t("round", "ronda").to_owned(),
    }
}

fn precision_expected(part: PrecisionPart, lang: Lang) -> &'static str {
    match part {
        PrecisionPart::StandardError => lang.t(
            "a standard error of 0 or more",
            "un error estándar de 0 o más",
        ),
        PrecisionPart::SampleSize => lang.t(
            "a number of respondents above zero",
            "un número de encuestados mayor que cero",
        ),
        PrecisionPart::DesignEffect => lang.t(
            "a design effect above zero",
            "un efecto de diseño mayor que cero",
        ),
        PrecisionPart::IntervalLow => lang.t(
            "a lower bound within 0%–100%",
            "un límite inferior dentro de 0%–100%",
        ),
        PrecisionPart::IntervalHigh => lang.t(
            "an upper bound within 0%–100%, at least the lower bound",
            "un límite superior dentro de 0%–100%, al menos el límite inferior",
        ),
    }
}

/// What to enter in a field that has no value.
fn missing_what(field: Field, location: Location, lang: Lang) -> String {
    let what = match (field, location) {
        (Field::TotalCost, _) => lang.t("the total program cost", "el costo total del programa"),
        (Field::ProgramYears, _) => lang.t(
            "the program length in years",
            "la duración del programa en años",
        ),
        (Field::GniPerCapita, _) => lang.t("the GNI per capita", "el INB per cápita"),
        (Field::Dalys, _) => lang.t("the DALYs of the condition", "los AVAD de la condición"),
        (Field::Population, Location::Condition(_)) => {
            lang.t("the population of the group", "la población del grupo")
        }
        (Field::Population, _) => lang.t(
            "the number of people reached",
            "el número de personas alcanzadas",
        ),
        (Field::Baseline, _) => lang.t(
            "the baseline level (a percentage)",
            "el nivel de línea de base (un porcentaje)",
        ),
        (other, _) => return field_label(other, lang),
    };
    what.to_owned()
}

/// "X is not a …; enter …" for a value a field cannot take.
fn invalid(field: Field, location: Location, value: f64, lang: Lang) -> String {
    let n = shown(value, lang);
    let pct = shown_percent(value, lang);
    match (field, location) {
        (Field::TotalCost, _) => tr!(
            lang,
            "{n} is not a cost; enter the total program cost, more than zero",
            "{n} no es un costo; ingrese el costo total del programa, mayor que cero"
        ),
        (Field::ProgramYears, _) => tr!(
            lang,
            "{n} is not a length; enter the program length in years (0 or more)",
            "{n} no es una duración; ingrese la duración del programa en años (0 o más)"
        ),
        (Field::GniPerCapita, _) => tr!(
            lang,
            "{n} is not an income; enter the GNI per capita, more than zero",
            "{n} no es un ingreso; ingrese el INB per cápita, mayor que cero"
        ),
        (Field::DalyMultiple, _) => tr!(
            lang,
            "{n} is not a multiple; enter how many times GNI per capita one DALY is worth \
             (1 to 3)",
            "{n} no es un múltiplo; ingrese cuántas veces el INB per cápita vale un AVAD \
             (1 a 3)"
        ),
        (Field::RequiredRatio, _) => tr!(
            lang,
            "{n} is not a ratio; enter the benefit-cost ratio required, more than zero \
             (1 = benefits cover costs)",
            "{n} no es una relación; ingrese la relación beneficio-costo exigida, mayor que \
             cero (1 = los beneficios cubren los costos)"
        ),
        (Field::DefaultAnnualChange | Field::AnnualChange, _) => tr!(
            lang,
            "{pct} is not a yearly change between −100% and 100%",
            "{pct} no es un cambio anual entre −100% y 100%"
        ),
        (Field::SurveyBudget | Field::PlannedSample, _) => tr!(
            lang,
            "{n} is not a number of respondents; enter more than zero",
            "{n} no es un número de encuestados; ingrese más de cero"
        ),
        (Field::TrancheAmount, _) => tr!(
            lang,
            "{n} is not an amount; enter 0 or more",
            "{n} no es un monto; ingrese 0 o más"
        ),
        (Field::Dalys, _) => tr!(
            lang,
            "{n} is not a number of DALYs; enter 0 or more",
            "{n} no es un número de AVAD; ingrese 0 o más"
        ),
        (Field::Population, Location::Condition(_)) => tr!(
            lang,
            "{n} is not a population; enter the size of the group, more than zero",
            "{n} no es una población; ingrese el tamaño del grupo, mayor que cero"
        ),
        (Field::Population, _) => tr!(
            lang,
            "{n} is not a population; enter the number of people reached, more than zero",
            "{n} no es una población; ingrese el número de personas alcanzadas, mayor que cero"
        ),
        (Field::Weight, _) => tr!(
            lang,
            "{n} is not a weight; enter 0 or more (1 = equal priority)",
            "{n} no es un peso; ingrese 0 o más (1 = igual prioridad)"
        ),
        (Field::PaymentWeight, _) => tr!(
            lang,
            "{n} is not a weight; enter 0 or more",
            "{n} no es un peso; ingrese 0 o más"
        ),
        (Field::ClusterSize, _) => tr!(
            lang,
            "{n} is not a cluster size; enter 1 or more respondents per cluster",
            "{n} no es un tamaño de conglomerado; ingrese 1 o más encuestados por conglomerado"
        ),
        (Field::Icc, _) => tr!(
            lang,
            "{n} is not an intraclass correlation; enter a value from 0 to 1",
            "{n} no es una correlación intraclase; ingrese un valor de 0 a 1"
        ),
        (Field::DesignEffect, _) => tr!(
            lang,
            "{n} is not a design effect; enter more than zero (1 = simple random sample)",
            "{n} no es un efecto de diseño; ingrese más de cero (1 = muestra aleatoria simple)"
        ),
        (Field::Alpha, _) => tr!(
            lang,
            "{pct} is not a significance level; enter e.g. 5%",
            "{pct} no es un nivel de significancia; ingrese p. ej. 5%"
        ),
        (Field::Power, _) => tr!(
            lang,
            "{pct} is not a power; enter e.g. 90% (80% the lowest acceptable)",
            "{pct} no es una potencia; ingrese p. ej. 90% (80% el mínimo aceptable)"
        ),
        (Field::CounterfactualSe, _) => tr!(
            lang,
            "{pct} is not a standard error; enter 0 or more",
            "{pct} no es un error estándar; ingrese 0 o más"
        ),
        _ => tr!(lang, "{n} cannot be used here", "{n} no se puede usar aquí"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Project, validate};

    #[test]
    fn a_problem_reads_as_a_sentence_in_each_language() {
        let mut project = crate::synthetic::large_project(2, 1);
        project.indicators[0].baseline = 1.3;
        project.indicators[0].name = "Anemia".into();
        let problem = validate(&project)
            .into_iter()
            .find(|p| p.field == Field::Baseline)
            .expect("an out-of-range baseline is a problem");
        assert_eq!(
            sentence(&problem, Lang::En),
            "Targets row 1 (Anemia), baseline: 130.0% is outside 0%–100%"
        );
        assert_eq!(
            sentence(&problem, Lang::Es),
            "Metas fila 1 (Anemia), línea de base: 130.0% está fuera de 0%–100%"
        );
        let empty = Project::default();
        let none = validate(&empty);
        assert!(
            none.iter()
                .any(|p| reason(p, Lang::En).starts_with("there are no indicators")),
        );
    }
}
