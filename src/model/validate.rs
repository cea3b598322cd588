//! Validation of every input (MODEL.md §6): each problem names its sheet, row and field and
//! says in words what was expected. An error excludes what depends on the cell from the
//! computation; a warning is shown but changes nothing.

use std::collections::HashSet;
use std::fmt;

use super::{Direction, Project};
use crate::i18n::t;
use crate::text::{format_number, format_percent};
use crate::tf;

/// Where a problem is: the program inputs, a Values row or a Targets row (0-based index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    Program,
    Condition(usize),
    Indicator(usize),
}

impl Location {
    /// Name of the sheet the input lives in, as in the IDB Excel tool in the language in use.
    pub fn sheet(self) -> &'static str {
        match self {
            Location::Program | Location::Indicator(_) => t("Targets", "Metas"),
            Location::Condition(_) => t("Values", "Valores"),
        }
    }

    /// The sheet's name in the IDB Excel tool's English, the same in every language (JSON
    /// `problems[].sheet`).
    pub fn sheet_key(self) -> &'static str {
        match self {
            Location::Program | Location::Indicator(_) => "Targets",
            Location::Condition(_) => "Values",
        }
    }

    /// 1-based row number within its table; `None` for program inputs.
    pub fn row_number(self) -> Option<usize> {
        match self {
            Location::Program => None,
            Location::Condition(i) | Location::Indicator(i) => Some(i + 1),
        }
    }
}

/// An input field; the same names are used in JSON output and in the grids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    TotalCost,
    ProgramYears,
    GniPerCapita,
    DalyMultiple,
    DiscountRate,
    HorizonYears,
    Ceiling,
    Floor,
    RequiredRatio,
    DefaultAnnualChange,
    /// The set of indicators as a whole (none, or none carrying benefit).
    Indicators,
    Name,
    Group,
    Dalys,
    Population,
    Condition,
    Baseline,
    AnnualChange,
    Weight,
    NegotiatedTarget,
    Counterfactual,
    PlannedSample,
    ClusterSize,
    Icc,
    DesignEffect,
    Alpha,
    Power,
    CounterfactualSe,
    PaymentWeight,
    /// The estimate of measurement round k.
    Measurement(usize),
    SurveyBudget,
    TrancheThreshold,
    TrancheAmount,
    /// A bound of the sensitivity analysis: parameter index × 2 + (0 low, 1 high).
    SensitivityRange(usize),
    /// A cell of a measurement: round k, part (0 estimate, 1 and 2 the precision's values).
    MeasurementPart(usize, usize),
    /// The name or months of round k.
    RoundName(usize),
    RoundMonths(usize),
}

impl Field {
    /// Machine name used in JSON (`problems[].field`).
    pub fn key(self) -> &'static str {
        match self {
            Field::TotalCost => "total_cost",
            Field::ProgramYears => "program_years",
            Field::GniPerCapita => "gni_per_capita",
            Field::DalyMultiple => "daly_multiple",
            Field::DiscountRate => "discount_rate",
            Field::HorizonYears => "horizon_years",
            Field::Ceiling => "ceiling",
            Field::Floor => "floor",
            Field::RequiredRatio => "required_ratio",
            Field::DefaultAnnualChange => "default_annual_change",
            Field::Indicators => "indicators",
            Field::Name => "name",
            Field::Group => "group",
            Field::Dalys => "dalys",
            Field::Population => "population",
            Field::Condition => "condition",
            Field::Baseline => "baseline",
            Field::AnnualChange => "annual_change",
            Field::Weight => "weight",
            Field::NegotiatedTarget => "negotiated_target",
            Field::Counterfactual => "counterfactual",
            Field::PlannedSample => "planned_sample_size",
            Field::ClusterSize => "cluster_size",
            Field::Icc => "icc",
            Field::DesignEffect => "design_effect",
            Field::Alpha => "alpha",
            Field::Power => "power",
            Field::CounterfactualSe => "counterfactual_se",
            Field::PaymentWeight => "payment_weight",
            Field::Measurement(_) => "measurement",
            Field::SurveyBudget => "survey_budget",
            Field::TrancheThreshold => "tranche_threshold",
            Field::TrancheAmount => "tranche_amount",
            Field::SensitivityRange(_) => "sensitivity_range",
            Field::MeasurementPart(..) => "measurement",
            Field::RoundName(_) => "round_name",
            Field::RoundMonths(_) => "round_months",
        }
    }

    /// Column or input label a negotiator sees.
    pub fn label(self) -> &'static str {
        match self {
            Field::TotalCost => t("total program cost", "costo total del programa"),
            Field::ProgramYears => t("program length (years)", "duración del programa (años)"),
            Field::GniPerCapita => t("GNI per capita", "INB per cápita"),
            Field::DalyMultiple => t(
                "value of a DALY (× GNI per capita)",
                "valor de un AVAD (× INB per cápita)",
            ),
            Field::DiscountRate => t("discount rate", "tasa de descuento"),
            Field::HorizonYears => t("horizon (years)", "horizonte (años)"),
            Field::Ceiling => t("ceiling", "techo"),
            Field::Floor => t("floor", "piso"),
            Field::RequiredRatio => t(
                "required benefit-cost ratio",
                "relación beneficio-costo exigida",
            ),
            Field::DefaultAnnualChange => t("default annual change", "cambio anual por defecto"),
            Field::Indicators => t("indicators", "indicadores"),
            Field::Name => t("name", "nombre"),
            Field::Group => t("population group", "grupo de población"),
            Field::Dalys => t("DALYs", "AVAD"),
            Field::Population => t("population", "población"),
            Field::Condition => t("condition", "condición"),
            Field::Baseline => t("baseline", "línea de base"),
            Field::AnnualChange => t("annual change", "cambio anual"),
            Field::Weight => t("weight", "peso"),
            Field::NegotiatedTarget => t("negotiated target", "meta negociada"),
            Field::Counterfactual => t("counterfactual", "contrafactual"),
            Field::PlannedSample => t("planned sample size", "tamaño de muestra planificado"),
            Field::ClusterSize => t("cluster size m", "tamaño de conglomerado m"),
            Field::Icc => t("intraclass correlation ρ", "correlación intraclase ρ"),
            Field::DesignEffect => t("design effect", "efecto de diseño"),
            Field::Alpha => t("significance α", "significancia α"),
            Field::Power => t("power", "potencia"),
            Field::CounterfactualSe => t(
                "standard error of the counterfactual",
                "error estándar del contrafactual",
            ),
            Field::PaymentWeight => t("payment weight", "peso de pago"),
            Field::Measurement(_) => t("measurement", "medición"),
            Field::SurveyBudget => t("survey budget", "presupuesto de la encuesta"),
            Field::TrancheThreshold => {
                t("share of targets required", "proporción de metas exigida")
            }
            Field::TrancheAmount => t("performance tranche", "tramo de desempeño"),
            Field::SensitivityRange(_) => t("sensitivity range", "rango de sensibilidad"),
            Field::MeasurementPart(..) => t("measurement", "medición"),
            Field::RoundName(_) => t("round name", "nombre de la ronda"),
            Field::RoundMonths(_) => t("months", "meses"),
        }
    }
}

/// How much a problem matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// What depends on the cell is not computed.
    Error,
    /// Shown to the user; the computation goes on.
    Warning,
}

/// One problem with one input cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub location: Location,
    pub field: Field,
    pub severity: Severity,
    /// Name of the row, when it has one, to help find it.
    pub row_name: String,
    /// What is wrong and what was expected, without the location.
    pub reason: String,
}

impl Problem {
    fn error(location: Location, row_name: &str, field: Field, reason: String) -> Self {
        Self {
            location,
            field,
            severity: Severity::Error,
            row_name: row_name.to_owned(),
            reason,
        }
    }

    fn warning(location: Location, row_name: &str, field: Field, reason: String) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(location, row_name, field, reason)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// "Targets row 3 (Anemia), baseline: 130.0% is outside 0%–100%; …"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.location.sheet())?;
        if let Some(row) = self.location.row_number() {
            write!(f, " {} {row}", t("row", "fila"))?;
            if !self.row_name.is_empty() {
                write!(f, " ({})", self.row_name)?;
            }
        }
        write!(f, ", {}: {}", self.field.label(), self.reason)
    }
}

fn finite_positive(value: f64) -> bool {
    value.is_finite() && value > 0.0
}

fn proportion(value: f64) -> bool {
    value.is_finite() && (0.0..=1.0).contains(&value)
}

/// A number for a message: never "NaN" or "inf" without saying what it is.
fn shown(value: f64) -> String {
    if value.is_finite() {
        format_number(value)
    } else {
        t(
            "a value that is not a finite number",
            "un valor que no es un número finito",
        )
        .to_owned()
    }
}

fn shown_percent(value: f64) -> String {
    if (value * 100.0).is_finite() {
        format_percent(value, 1)
    } else {
        t(
            "a value that is not a finite number",
            "un valor que no es un número finito",
        )
        .to_owned()
    }
}

/// The reason for an input that has no value yet (not found in an imported workbook).
fn missing(what: &str) -> String {
    tf!("no value; enter {what}", "sin valor; ingrese {what}")
}

/// Every problem with the inputs of `project`, in sheet order.
pub fn validate(project: &Project) -> Vec<Problem> {
    let index = super::compute::condition_index(project);
    let links: Vec<Option<usize>> = project
        .indicators
        .iter()
        .map(|i| index.get(i.condition.trim()).copied())
        .collect();
    validate_linked(project, &links)
}

/// [`validate`], given each indicator's condition row (`None`: not found).
pub(crate) fn validate_linked(project: &Project, links: &[Option<usize>]) -> Vec<Problem> {
    let mut problems = Vec::new();
    validate_program(
        &project.program,
        project.indicators.is_empty(),
        &mut problems,
    );
    validate_conditions(project, &mut problems);
    validate_indicators(project, links, &mut problems);
    problems
}

fn validate_program(p: &super::Program, has_no_indicators: bool, problems: &mut Vec<Problem>) {
    let at = Location::Program;
    let mut error =
        |field: Field, reason: String| problems.push(Problem::error(at, "", field, reason));
    if p.total_cost.is_nan() {
        error(
            Field::TotalCost,
            missing(t("the total program cost", "el costo total del programa")),
        );
    } else if !finite_positive(p.total_cost) {
        error(
            Field::TotalCost,
            tf!(
                "{} is not a cost; enter the total program cost, more than zero",
                "{} no es un costo; ingrese el costo total del programa, mayor que cero",
                shown(p.total_cost)
            ),
        );
    }
    if p.program_years.is_nan() {
        error(
            Field::ProgramYears,
            missing(t(
                "the program length in years",
                "la duración del programa en años",
            )),
        );
    } else if !(p.program_years.is_finite() && p.program_years >= 0.0) {
        error(
            Field::ProgramYears,
            tf!(
                "{} is not a length; enter the program length in years (0 or more)",
                "{} no es una duración; ingrese la duración del programa en años (0 o más)",
                shown(p.program_years)
            ),
        );
    }
    if p.gni_per_capita.is_nan() {
        error(
            Field::GniPerCapita,
            missing(t("the GNI per capita", "el INB per cápita")),
        );
    } else if !finite_positive(p.gni_per_capita) {
        error(
            Field::GniPerCapita,
            tf!(
                "{} is not an income; enter the GNI per capita, more than zero",
                "{} no es un ingreso; ingrese el INB per cápita, mayor que cero",
                shown(p.gni_per_capita)
            ),
        );
    }
    if !finite_positive(p.daly_multiple) {
        error(
            Field::DalyMultiple,
            tf!(
                "{} is not a multiple; enter how many times GNI per capita one DALY is worth (1 to 3)",
                "{} no es un múltiplo; ingrese cuántas veces el INB per cápita vale un AVAD (1 a 3)",
                shown(p.daly_multiple)
            ),
        );
    }
    if !(p.discount_rate.is_finite() && (0.0..1.0).contains(&p.discount_rate)) {
        error(
            Field::DiscountRate,
            tf!(
                "{} is outside 0%–100%; enter a yearly rate such as 12%",
                "{} está fuera de 0%–100%; ingrese una tasa anual como 12%",
                shown_percent(p.discount_rate)
            ),
        );
    }
    if p.horizon_years == 0 || p.horizon_years > 200 {
        error(
            Field::HorizonYears,
            tf!(
                "{} years is not a horizon; enter 1 to 200 years",
                "{} años no es un horizonte; ingrese de 1 a 200 años",
                p.horizon_years
            ),
        );
    }
    if !proportion(p.ceiling) {
        error(
            Field::Ceiling,
            tf!(
                "{} is outside 0%–100%",
                "{} está fuera de 0%–100%",
                shown_percent(p.ceiling)
            ),
        );
    }
    if !proportion(p.floor) {
        error(
            Field::Floor,
            tf!(
                "{} is outside 0%–100%",
                "{} está fuera de 0%–100%",
                shown_percent(p.floor)
            ),
        );
    } else if proportion(p.ceiling) && p.floor > p.ceiling {
        error(
            Field::Floor,
            tf!(
                "the floor {} is above the ceiling {}; the floor bounds lower-is-better targets from below",
                "el piso {} está por encima del techo {}; el piso acota desde abajo las metas en que menos es mejor",
                shown_percent(p.floor),
                shown_percent(p.ceiling)
            ),
        );
    }
    if !finite_positive(p.required_ratio) {
        error(
            Field::RequiredRatio,
            tf!(
                "{} is not a ratio; enter the benefit-cost ratio required, more than zero (1 = benefits cover costs)",
                "{} no es una relación; ingrese la relación beneficio-costo exigida, mayor que cero (1 = los beneficios cubren los costos)",
                shown(p.required_ratio)
            ),
        );
    }
    if !(p.default_annual_change.is_finite() && (-1.0..=1.0).contains(&p.default_annual_change)) {
        error(
            Field::DefaultAnnualChange,
            tf!(
                "{} is not a yearly change between −100% and 100%",
                "{} no es un cambio anual entre −100% y 100%",
                shown_percent(p.default_annual_change)
            ),
        );
    }
    if has_no_indicators {
        error(
            Field::Indicators,
            t(
                "there are no indicators; add at least one row to the Targets sheet",
                "no hay indicadores; agregue al menos una fila a la hoja Metas",
            )
            .to_owned(),
        );
    }
    if let Some(budget) = p.survey_budget
        && !finite_positive(budget)
    {
        error(
            Field::SurveyBudget,
            tf!(
                "{} is not a number of respondents; enter more than zero",
                "{} no es un número de encuestados; ingrese más de cero",
                shown(budget)
            ),
        );
    }
    if !(p.tranche_amount.is_finite() && p.tranche_amount >= 0.0) {
        error(
            Field::TrancheAmount,
            tf!(
                "{} is not an amount; enter 0 or more",
                "{} no es un monto; ingrese 0 o más",
                shown(p.tranche_amount)
            ),
        );
    }
    match &p.tranche {
        super::TrancheRule::AllOrNothing { threshold } if !proportion(*threshold) => {
            error(
                Field::TrancheThreshold,
                tf!(
                    "{} is outside 0%–100%",
                    "{} está fuera de 0%–100%",
                    shown_percent(*threshold)
                ),
            );
        }
        super::TrancheRule::Steps(steps)
            if steps
                .iter()
                .any(|(share, paid)| !proportion(*share) || !proportion(*paid)) =>
        {
            error(
                Field::TrancheThreshold,
                t("every step needs a share met and a fraction paid between 0% and 100%", "cada escalón necesita una proporción cumplida y una fracción pagada entre 0% y 100%").to_owned(),
            );
        }
        _ => {}
    }
}

fn validate_conditions(project: &Project, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (j, condition) in project.conditions.iter().enumerate() {
        let at = Location::Condition(j);
        let name = condition.name.as_str();
        if name.trim().is_empty() {
            problems.push(Problem::error(
                at,
                name,
                Field::Name,
                t("the condition has no name; indicators link to conditions by name", "la condición no tiene nombre; los indicadores se vinculan a las condiciones por nombre").to_owned(),
            ));
        } else if !seen.insert(name.trim()) {
            problems.push(Problem::error(
                at,
                name,
                Field::Name,
                tf!("another condition above is also called \"{}\"; names must be unique so that indicators link to one", "otra condición más arriba también se llama \"{}\"; los nombres deben ser únicos para que los indicadores se vinculen a una sola", name.trim()),
            ));
        }
        if condition.dalys.is_nan() {
            problems.push(Problem::error(
                at,
                name,
                Field::Dalys,
                missing(t("the DALYs of the condition", "los AVAD de la condición")),
            ));
        } else if !(condition.dalys.is_finite() && condition.dalys >= 0.0) {
            problems.push(Problem::error(
                at,
                name,
                Field::Dalys,
                tf!(
                    "{} is not a number of DALYs; enter 0 or more",
                    "{} no es un número de AVAD; ingrese 0 o más",
                    shown(condition.dalys)
                ),
            ));
        }
        if condition.population.is_nan() {
            problems.push(Problem::error(
                at,
                name,
                Field::Population,
                missing(t("the population of the group", "la población del grupo")),
            ));
        } else if !finite_positive(condition.population) {
            problems.push(Problem::error(
                at,
                name,
                Field::Population,
                tf!(
                    "{} is not a population; enter the size of the group, more than zero",
                    "{} no es una población; ingrese el tamaño del grupo, mayor que cero",
                    shown(condition.population)
                ),
            ));
        }
    }
}

fn validate_indicators(project: &Project, links: &[Option<usize>], problems: &mut Vec<Problem>) {
    for (i, indicator) in project.indicators.iter().enumerate() {
        let linked = links.get(i).copied().flatten().is_some();
        validate_indicator(project, linked, i, indicator, problems);
    }
}

/// Problems of `indicator` as row `i` of `project`.
fn validate_indicator(
    project: &Project,
    linked: bool,
    i: usize,
    indicator: &super::Indicator,
    problems: &mut Vec<Problem>,
) {
    let program = &project.program;
    let at = Location::Indicator(i);
    let name = indicator.name.as_str();
    let mut error =
        |field: Field, reason: String| problems.push(Problem::error(at, name, field, reason));
    if !linked {
        let reason = if indicator.condition.trim().is_empty() {
            t("no condition is chosen; pick the Values row whose DALYs this indicator improves", "no se eligió una condición; elija la fila de Valores cuyos AVAD mejora este indicador")
                .to_owned()
        } else {
            tf!(
                "\"{}\" is not a condition of the Values sheet",
                "\"{}\" no es una condición de la hoja Valores",
                indicator.condition.trim()
            )
        };
        error(Field::Condition, reason);
    }
    if indicator.population.is_nan() {
        error(
            Field::Population,
            missing(t(
                "the number of people reached",
                "el número de personas alcanzadas",
            )),
        );
    } else if !finite_positive(indicator.population) {
        error(
            Field::Population,
            tf!(
                "{} is not a population; enter the number of people reached, more than zero",
                "{} no es una población; ingrese el número de personas alcanzadas, mayor que cero",
                shown(indicator.population)
            ),
        );
    }
    if indicator.baseline.is_nan() {
        error(
            Field::Baseline,
            missing(t(
                "the baseline level (a percentage)",
                "el nivel de línea de base (un porcentaje)",
            )),
        );
    } else if !proportion(indicator.baseline) {
        error(
            Field::Baseline,
            tf!(
                "{} is outside 0%–100%",
                "{} está fuera de 0%–100%",
                shown_percent(indicator.baseline)
            ),
        );
    }
    if let Some(change) = indicator.annual_change
        && !(change.is_finite() && (-1.0..=1.0).contains(&change))
    {
        error(
            Field::AnnualChange,
            tf!(
                "{} is not a yearly change between −100% and 100%",
                "{} no es un cambio anual entre −100% y 100%",
                shown_percent(change)
            ),
        );
    }
    if !(indicator.weight.is_finite() && indicator.weight >= 0.0) {
        error(
            Field::Weight,
            tf!(
                "{} is not a weight; enter 0 or more (1 = equal priority)",
                "{} no es un peso; ingrese 0 o más (1 = igual prioridad)",
                shown(indicator.weight)
            ),
        );
    }
    if let Some(target) = indicator.negotiated_target {
        if !proportion(target) {
            error(
                Field::NegotiatedTarget,
                tf!(
                    "{} is outside 0%–100%",
                    "{} está fuera de 0%–100%",
                    shown_percent(target)
                ),
            );
        } else {
            let beyond = match indicator.direction {
                Direction::Higher if target > program.ceiling => Some((
                    t("above the ceiling", "por encima del techo"),
                    program.ceiling,
                )),
                Direction::Lower if target < program.floor => {
                    Some((t("below the floor", "por debajo del piso"), program.floor))
                }
                _ => None,
            };
            if let Some((side, bound)) = beyond {
                problems.push(Problem::warning(
                    at,
                    name,
                    Field::NegotiatedTarget,
                    tf!(
                        "{} is {side} of {}",
                        "{} está {side} de {}",
                        shown_percent(target),
                        shown_percent(bound)
                    ),
                ));
            }
        }
    }
    if let Some(change) = indicator.annual_change
        && change.is_finite()
        && change.abs() > 0.2
    {
        problems.push(Problem::warning(
            at,
            name,
            Field::AnnualChange,
            tf!(
                "{} points a year is a very fast trend; to enter a trend of {} points a year type \"{}%\"", "{} puntos por año es una tendencia muy rápida; para ingresar una tendencia de {} puntos por año escriba \"{}%\"",
                format_number(change * 100.0),
                format_number(change),
                format_number(change)
            ),
        ));
    }
    validate_survey(project, i, indicator, problems);
    let counterfactual =
        indicator.baseline + program.program_years * indicator.effective_annual_change(program);
    if proportion(indicator.baseline)
        && program.program_years.is_finite()
        && counterfactual.is_finite()
        && !(0.0..=1.0).contains(&counterfactual)
    {
        problems.push(Problem::warning(
            at,
            name,
            Field::Counterfactual,
            tf!(
                "the trend takes the indicator to {} in {} years, outside 0%–100%; the counterfactual is counted as {}. Check the annual change", "la tendencia lleva el indicador a {} en {} años, fuera de 0%–100%; el contrafactual se cuenta como {}. Revise el cambio anual",
                format_percent(counterfactual, 1),
                format_number(program.program_years),
                format_percent(counterfactual.clamp(0.0, 1.0), 0)
            ),
        ));
    }
}

/// The problems row `i` would have with `indicator` in it (a cell checks a value with this
/// before the value enters the document).
pub fn indicator_problems(
    project: &Project,
    i: usize,
    indicator: &super::Indicator,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let linked = project
        .conditions
        .iter()
        .any(|c| c.name.trim() == indicator.condition.trim());
    validate_indicator(project, linked, i, indicator, &mut problems);
    problems
}

/// The problems Values row `j` would have with `condition` in it.
pub fn condition_problems(
    project: &Project,
    j: usize,
    condition: &super::Condition,
) -> Vec<Problem> {
    let mut conditions = project.conditions.clone();
    if let Some(slot) = conditions.get_mut(j) {
        *slot = condition.clone();
    }
    let scratch = Project {
        conditions,
        indicators: Vec::new(),
        ..Project::default()
    };
    let mut problems = Vec::new();
    validate_conditions(&scratch, &mut problems);
    let same_name = |k: usize| k != j && scratch.conditions[k].name.trim() == condition.name.trim();
    if !condition.name.trim().is_empty() && (0..scratch.conditions.len()).any(same_name) {
        problems.push(Problem::error(
            Location::Condition(j),
            &condition.name,
            Field::Name,
            tf!(
                "another condition is also called \"{}\"; names must be unique",
                "otra condición también se llama \"{}\"; los nombres deben ser únicos",
                condition.name.trim()
            ),
        ));
    }
    problems.retain(|p| p.location == Location::Condition(j));
    problems
}

/// The problems the program inputs would have as `program`.
pub fn program_problems(project: &Project, program: &super::Program) -> Vec<Problem> {
    let mut problems = Vec::new();
    validate_program(program, project.indicators.is_empty(), &mut problems);
    problems
}

/// The verification inputs and measurements of indicator `i`.
fn validate_survey(
    project: &Project,
    i: usize,
    indicator: &super::Indicator,
    problems: &mut Vec<Problem>,
) {
    let at = Location::Indicator(i);
    let name = indicator.name.as_str();
    let design = &indicator.survey;
    let mut error =
        |field: Field, reason: String| problems.push(Problem::error(at, name, field, reason));
    if let Some(n) = design.planned_n
        && !finite_positive(n)
    {
        error(
            Field::PlannedSample,
            tf!(
                "{} is not a number of respondents; enter more than zero",
                "{} no es un número de encuestados; ingrese más de cero",
                shown(n)
            ),
        );
    }
    if !(design.cluster_size.is_finite() && design.cluster_size >= 1.0) {
        error(
            Field::ClusterSize,
            tf!(
                "{} is not a cluster size; enter 1 or more respondents per cluster",
                "{} no es un tamaño de conglomerado; ingrese 1 o más encuestados por conglomerado",
                shown(design.cluster_size)
            ),
        );
    }
    if !proportion(design.icc) {
        error(
            Field::Icc,
            tf!(
                "{} is not an intraclass correlation; enter a value from 0 to 1",
                "{} no es una correlación intraclase; ingrese un valor de 0 a 1",
                shown(design.icc)
            ),
        );
    }
    if let Some(deff) = design.deff
        && !finite_positive(deff)
    {
        error(
            Field::DesignEffect,
            tf!(
                "{} is not a design effect; enter more than zero (1 = simple random sample)",
                "{} no es un efecto de diseño; ingrese más de cero (1 = muestra aleatoria simple)",
                shown(deff)
            ),
        );
    }
    if !(design.alpha.is_finite() && design.alpha > 0.0 && design.alpha < 1.0) {
        error(
            Field::Alpha,
            tf!(
                "{} is not a significance level; enter e.g. 5%",
                "{} no es un nivel de significancia; ingrese p. ej. 5%",
                shown_percent(design.alpha)
            ),
        );
    }
    if !(design.power.is_finite() && design.power > 0.0 && design.power < 1.0) {
        error(
            Field::Power,
            tf!(
                "{} is not a power; enter e.g. 90% (80% the lowest acceptable)",
                "{} no es una potencia; ingrese p. ej. 90% (80% el mínimo aceptable)",
                shown_percent(design.power)
            ),
        );
    }
    if let Some(se) = design.counterfactual_se
        && !(se.is_finite() && se >= 0.0)
    {
        error(
            Field::CounterfactualSe,
            tf!(
                "{} is not a standard error; enter 0 or more",
                "{} no es un error estándar; ingrese 0 o más",
                shown_percent(se)
            ),
        );
    }
    if !(indicator.payment_weight.is_finite() && indicator.payment_weight >= 0.0) {
        error(
            Field::PaymentWeight,
            tf!(
                "{} is not a weight; enter 0 or more",
                "{} no es un peso; ingrese 0 o más",
                shown(indicator.payment_weight)
            ),
        );
    }
    for (k, measurement) in indicator.measurements.iter().enumerate() {
        let Some(m) = measurement else { continue };
        let round = project
            .rounds
            .get(k)
            .map_or_else(|| tf!("round {}", "ronda {}", k + 1), |r| r.name.clone());
        if !proportion(m.estimate) {
            error(
                Field::MeasurementPart(k, 0),
                tf!(
                    "{round}: the estimate {} is outside 0%–100%",
                    "{round}: la estimación {} está fuera de 0%–100%",
                    shown_percent(m.estimate)
                ),
            );
        }
        // Each value of the precision is checked in its own cell: part 1 (SE, n or low) and
        // part 2 (DEFF or high).
        let (first_ok, second_ok) = match m.spread {
            super::Spread::StandardError(se) => (se.is_finite() && se >= 0.0, true),
            super::Spread::Sample { n, deff } => (finite_positive(n), finite_positive(deff)),
            super::Spread::Interval { low, high } => {
                (proportion(low), proportion(high) && low <= high)
            }
        };
        let expected = match m.spread {
            super::Spread::StandardError(_) => (
                t(
                    "a standard error of 0 or more",
                    "un error estándar de 0 o más",
                ),
                "",
            ),
            super::Spread::Sample { .. } => (
                t(
                    "a number of respondents above zero",
                    "un número de encuestados mayor que cero",
                ),
                t(
                    "a design effect above zero",
                    "un efecto de diseño mayor que cero",
                ),
            ),
            super::Spread::Interval { .. } => (
                t(
                    "a lower bound within 0%–100%",
                    "un límite inferior dentro de 0%–100%",
                ),
                t(
                    "an upper bound within 0%–100%, at least the lower bound",
                    "un límite superior dentro de 0%–100%, al menos el límite inferior",
                ),
            ),
        };
        if !first_ok {
            error(
                Field::MeasurementPart(k, 1),
                tf!(
                    "{round}: expected {}",
                    "{round}: se esperaba {}",
                    expected.0
                ),
            );
        }
        if !second_ok {
            error(
                Field::MeasurementPart(k, 2),
                tf!(
                    "{round}: expected {}",
                    "{round}: se esperaba {}",
                    expected.1
                ),
            );
        }
    }
    if indicator.measurements.len() > project.rounds.len() {
        error(
            Field::Measurement(project.rounds.len()),
            tf!(
                "{} measurements for {} rounds; a measurement has no round",
                "{} mediciones para {} rondas; una medición no tiene ronda",
                indicator.measurements.len(),
                project.rounds.len()
            ),
        );
    }
}
