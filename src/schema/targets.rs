//! The columns of the Targets table.

use strum::EnumIter;

use super::{Column, Kind, Words};
use crate::model::Field;

/// A column of the Targets table, in the order the export writes them (the IDB tool's columns
/// A–J are Indicator, UnitValue, PresentValue, Population, ProgramYears, TotalCost,
/// MinimumImpact, Baseline, AnnualChange and ModelTarget).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum TargetsColumn {
    Indicator,
    Condition,
    Direction,
    UnitValue,
    PresentValue,
    Population,
    ProgramYears,
    TotalCost,
    MinimumImpact,
    Baseline,
    AnnualChange,
    Weight,
    Counterfactual,
    ModelTarget,
    BoundedTarget,
    NegotiatedTarget,
    Locked,
    FinalTarget,
    Impact,
    Benefit,
    Share,
}

impl TargetsColumn {
    /// The column of this letter in the IDB tool's Targets sheet (Appendix 2), counted from
    /// the indicator column: the importer's last resort.
    pub fn appendix_letter(self) -> Option<u32> {
        use TargetsColumn::*;
        Some(match self {
            Indicator => 0,
            UnitValue => 1,
            PresentValue => 2,
            Population => 3,
            ProgramYears => 4,
            TotalCost => 5,
            MinimumImpact => 6,
            Baseline => 7,
            AnnualChange => 8,
            ModelTarget => 9,
            _ => return None,
        })
    }
}

impl Column for TargetsColumn {
    fn key(self) -> &'static str {
        use TargetsColumn::*;
        match self {
            Indicator => "indicator",
            Condition => "condition",
            Direction => "direction",
            UnitValue => "unit_value",
            PresentValue => "present_value",
            Population => "population",
            ProgramYears => "program_years",
            TotalCost => "total_cost",
            MinimumImpact => "minimum_impact",
            Baseline => "baseline",
            AnnualChange => "annual_change",
            Weight => "weight",
            Counterfactual => "counterfactual",
            ModelTarget => "model_target",
            BoundedTarget => "bounded_target",
            NegotiatedTarget => "negotiated_target",
            Locked => "locked",
            FinalTarget => "final_target",
            Impact => "impact",
            Benefit => "benefit",
            Share => "share_of_benefit",
        }
    }

    fn title(self) -> Words {
        use TargetsColumn::*;
        match self {
            Indicator => Words::new("Indicator", "Indicador"),
            Condition => Words::new("Condition", "Condición"),
            Direction => Words::new("Better", "Mejor"),
            UnitValue => Words::new("Unit value (vi)", "Valor unitario (vi)"),
            PresentValue => Words::new("Present value", "Valor presente"),
            Population => Words::new("Population (N)", "Población (N)"),
            ProgramYears => Words::new("Program length (years)", "Duración del programa (años)"),
            TotalCost => Words::new("Total program cost", "Costo total del programa"),
            MinimumImpact => Words::new("Minimum common impact d", "Impacto mínimo común d"),
            Baseline => Words::new("Baseline", "Línea de base"),
            AnnualChange => Words::new("Annual change", "Cambio anual"),
            Weight => Words::new("Weight", "Peso"),
            Counterfactual => Words::new("Counterfactual", "Contrafactual"),
            ModelTarget => Words::new("Model target", "Meta del modelo"),
            BoundedTarget => Words::new("Bounded target", "Meta acotada"),
            NegotiatedTarget => Words::new("Negotiated target", "Meta negociada"),
            Locked => Words::new("Locked", "Fijada"),
            FinalTarget => Words::new("Final target", "Meta final"),
            Impact => Words::new("Impact", "Impacto"),
            Benefit => Words::new("Benefit", "Beneficio"),
            Share => Words::new("Share of benefit", "Parte del beneficio"),
        }
    }

    fn symbol(self) -> Option<&'static str> {
        use TargetsColumn::*;
        match self {
            UnitValue => Some("vi"),
            Population => Some("n"),
            MinimumImpact => Some("d"),
            Baseline => Some("b"),
            AnnualChange => Some("a"),
            Weight => Some("w"),
            ProgramYears => Some("l"),
            _ => None,
        }
    }

    fn short(self) -> Option<Words> {
        match self {
            TargetsColumn::Population => Some(Words::new("N", "N")),
            _ => None,
        }
    }

    fn describe(self) -> Words {
        use TargetsColumn::*;
        match self {
            Indicator => Words::new("Payment indicator", "Indicador de pago"),
            Condition => Words::new(
                "Values row whose DALYs the indicator improves",
                "Fila de Valores cuyos AVAD mejora el indicador",
            ),
            Direction => Words::new(
                "Whether a higher or a lower level is the improvement",
                "Si la mejora es un nivel mayor o menor",
            ),
            UnitValue => Words::new(
                "vi: value of one full unit of improvement for one person",
                "vi: valor de una unidad completa de mejora para una persona",
            ),
            PresentValue => Words::new(
                "V = vi · A: present value over the horizon at the discount rate",
                "V = vi · A: valor presente en el horizonte a la tasa de descuento",
            ),
            Population => Words::new(
                "Population reached by the indicator",
                "Población alcanzada por el indicador",
            ),
            ProgramYears => Words::new(
                "L: years over which the counterfactual trend runs",
                "L: años durante los que corre la tendencia contrafactual",
            ),
            TotalCost => Words::new(
                "C: donor plus counterpart funding (and any performance tranche)",
                "C: financiamiento del donante más la contrapartida (y cualquier tramo de \
                 desempeño)",
            ),
            MinimumImpact => Words::new(
                "d = R·C / Σ w·N·V: the change every indicator must show for benefits to cover \
                 the cost (note eq. 3)",
                "d = R·C / Σ w·N·V: el cambio que cada indicador debe mostrar para que los \
                 beneficios cubran el costo (nota, ec. 3)",
            ),
            Baseline => Words::new("b: level before the program", "b: nivel antes del programa"),
            AnnualChange => Words::new(
                "a: yearly change without the program, in points; empty uses the default a₀",
                "a: cambio anual sin el programa, en puntos; vacío usa el valor por defecto a₀",
            ),
            Weight => Words::new(
                "w: priority weight (1 = equal)",
                "w: peso de prioridad (1 = igual)",
            ),
            Counterfactual => Words::new(
                "c = b + L·a: level expected without the program",
                "c = b + L·a: nivel esperado sin el programa",
            ),
            ModelTarget => Words::new("M = c ± w·d (note eq. 4)", "M = c ± w·d (nota, ec. 4)"),
            BoundedTarget => Words::new(
                "Model target held at the ceiling or floor",
                "Meta del modelo detenida en el techo o el piso",
            ),
            NegotiatedTarget => Words::new(
                "The agreed target; empty uses the model",
                "La meta acordada; vacío usa el modelo",
            ),
            Locked => Words::new(
                "A locked row keeps its target when the others are rebalanced",
                "Una fila fijada conserva su meta cuando se reequilibran las demás",
            ),
            FinalTarget => Words::new(
                "The negotiated target if set, else the bounded model target",
                "La meta negociada si existe; si no, la meta del modelo acotada",
            ),
            Impact => Words::new(
                "Change the program must cause, in points: ±(final − counterfactual)",
                "Cambio que el programa debe causar, en puntos: ±(final − contrafactual)",
            ),
            Benefit => Words::new("Impact × N × V", "Impacto × N × V"),
            Share => Words::new("Share of the total benefit", "Parte del beneficio total"),
        }
    }

    fn field(self) -> Option<Field> {
        use TargetsColumn::*;
        Some(match self {
            Indicator => Field::Name,
            Condition => Field::Condition,
            Direction => Field::Direction,
            Population => Field::Population,
            ProgramYears => Field::ProgramYears,
            TotalCost => Field::TotalCost,
            Baseline => Field::Baseline,
            AnnualChange => Field::AnnualChange,
            Weight => Field::Weight,
            NegotiatedTarget => Field::NegotiatedTarget,
            Locked => Field::Locked,
            _ => return None,
        })
    }

    fn kind(self) -> Kind {
        use TargetsColumn::*;
        match self {
            Indicator | Condition => Kind::Text,
            Direction | Locked => Kind::Choice,
            UnitValue | PresentValue | TotalCost | Benefit => Kind::Money,
            Population => Kind::Count,
            ProgramYears | Weight => Kind::Plain,
            MinimumImpact | Baseline | AnnualChange | Counterfactual | ModelTarget
            | BoundedTarget | NegotiatedTarget | FinalTarget | Impact | Share => Kind::Percent,
        }
    }

    fn vocabulary(self) -> &'static [&'static str] {
        use TargetsColumn::*;
        match self {
            Indicator => &[
                "indicator",
                "payment indicator",
                "indicator name",
                "name of the indicator",
                "name",
                "performance indicator",
                "outcome indicator",
                "indicador de pago",
                "nombre del indicador",
                "nombre",
                "indicador de desempeño",
                "indicador de resultado",
            ],
            Condition => &[
                "health condition",
                "linked condition",
                "disease",
                "cause",
                "condición de salud",
                "condición vinculada",
                "enfermedad",
                "causa",
            ],
            Direction => &[
                "direction",
                "direction of improvement",
                "improvement",
                "higher or lower is better",
                "desired direction",
                "polarity",
                "dirección",
                "sentido",
                "sentido de la mejora",
                "dirección deseada",
                "polaridad",
            ],
            UnitValue => &[
                "unit value",
                "value per unit",
                "value of one unit",
                "unit value of improvement",
                "valor por unidad",
                "valor de una unidad",
            ],
            PresentValue => &[
                "value",
                "net present value",
                "npv",
                "pv",
                "discounted value",
                "present value of vi",
                "npv of vi",
                "value 20 years",
                "valor",
                "valor presente neto",
                "vpn",
                "vp",
                "valor actual",
                "valor actual neto",
                "van",
                "valor descontado",
                "vpn de vi",
            ],
            Population => &[
                "population",
                "number of individuals",
                "number of individuals in the catchment area",
                "individuals",
                "beneficiaries",
                "number of beneficiaries",
                "population reached",
                "target population",
                "individuals reached",
                "people reached",
                "catchment population",
                "population covered",
                "población",
                "número de individuos",
                "número de individuos en el área de influencia",
                "individuos",
                "beneficiarios",
                "número de beneficiarios",
                "población beneficiaria",
                "población objetivo",
                "individuos beneficiados",
                "personas alcanzadas",
                "población alcanzada",
                "población cubierta",
            ],
            ProgramYears => &[
                "years",
                "length of the program",
                "length of the program in years",
                "program length",
                "program years",
                "years of program",
                "duration",
                "program duration",
                "años",
                "duración",
                "años del programa",
                "años de programa",
                "plazo",
                "plazo del programa",
            ],
            TotalCost => &[
                "cost",
                "total cost",
                "total cost of the program",
                "program cost",
                "cost of the program",
                "budget",
                "total budget",
                "costo",
                "costo total",
                "costo del programa",
                "coste",
                "coste total",
                "presupuesto",
                "presupuesto total",
                "monto total",
            ],
            MinimumImpact => &[
                "d",
                "minimum impact",
                "minimum common impact",
                "common impact",
                "impact d",
                "minimum change",
                "minimum effect",
                "impacto mínimo",
                "impacto mínimo común",
                "impacto común",
                "cambio mínimo",
                "efecto mínimo",
            ],
            Baseline => &[
                "baseline",
                "baseline level",
                "baseline value",
                "base line",
                "level at baseline",
                "initial level",
                "current level",
                "línea de base",
                "línea base",
                "nivel de base",
                "línea basal",
                "valor de base",
                "nivel inicial",
                "nivel actual",
                "situación inicial",
            ],
            AnnualChange => &[
                "annual change",
                "trend",
                "annual trend",
                "historical trend",
                "yearly change",
                "annual growth",
                "annual growth rate",
                "historical annual growth rate",
                "change per year",
                "counterfactual change",
                "annual change without the program",
                "secular trend",
                "cambio anual",
                "tendencia",
                "tendencia anual",
                "tendencia histórica",
                "crecimiento anual",
                "tasa de crecimiento anual",
                "cambio por año",
                "cambio anual sin el programa",
                "variación anual",
                "tendencia secular",
            ],
            Weight => &[
                "weight",
                "priority weight",
                "priority",
                "weighting",
                "peso",
                "ponderación",
                "prioridad",
                "peso de prioridad",
            ],
            Counterfactual => &[
                "counterfactual",
                "counterfactual level",
                "level without the program",
                "projected level",
                "contrafactual",
                "nivel contrafactual",
                "nivel sin el programa",
                "nivel proyectado",
            ],
            ModelTarget => &[
                "target",
                "estimated target",
                "model target",
                "minimum target",
                "calculated target",
                "model estimated target",
                "meta",
                "meta estimada",
                "meta del modelo",
                "meta mínima",
                "meta calculada",
            ],
            BoundedTarget => &["bounded", "capped target", "acotada", "meta con tope"],
            NegotiatedTarget => &["agreed target", "negotiated", "meta acordada", "negociada"],
            Locked => &["lock", "bloqueo", "bloqueada", "fijar"],
            FinalTarget => &["final", "metas finales"],
            Impact => &["impact points", "impacto en puntos"],
            Benefit => &["benefits", "beneficios"],
            Share => &["share", "share of total benefit", "participación"],
        }
    }
}
