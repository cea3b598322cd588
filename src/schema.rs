//! The columns of the Targets and Values tables and the program inputs, described once: the
//! title the export writes (in English and Spanish), the note's symbol, and every other
//! wording a workbook may use for it, which the importer scores headers and labels against.
//! The importer always knows the exporter's own titles, so export → import holds by
//! construction.

use strum::{EnumIter, IntoEnumIterator};

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
    fn find<C: Column>(field: Field) -> Option<Words> {
        C::iter().find(|c| c.field() == Some(field)).map(C::title)
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
pub trait Column: Copy + Eq + std::fmt::Debug + IntoEnumIterator + 'static {
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
    /// Other wordings of the title, English and Spanish, as copies of the IDB tool word it:
    /// the importer also scores against the title itself.
    fn vocabulary(self) -> &'static [&'static str];

    /// The column with the machine name `key`.
    fn from_key(key: &str) -> Option<Self> {
        Self::iter().find(|c| c.key() == key.trim())
    }
}

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

    /// True for the columns this program computes rather than reads (they are still read
    /// from a workbook, as evidence and to compare results).
    pub fn is_computed(self) -> bool {
        use TargetsColumn::*;
        matches!(
            self,
            UnitValue
                | PresentValue
                | MinimumImpact
                | Counterfactual
                | ModelTarget
                | BoundedTarget
                | FinalTarget
                | Impact
                | Benefit
                | Share
        )
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
            Locked => Words::new("Locked", "Bloqueada"),
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
            Locked => &["lock", "bloqueo", "fijada", "fijar"],
            FinalTarget => &["final", "metas finales"],
            Impact => &["impact points", "impacto en puntos"],
            Benefit => &["benefits", "beneficios"],
            Share => &["share", "share of total benefit", "participación"],
        }
    }
}

/// A column of the Values table (one row per health condition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum ValuesColumn {
    Condition,
    Group,
    Dalys,
    Population,
    DalysPerCapita,
    UnitValue,
    PresentValue,
    GniPerCapita,
}

impl Column for ValuesColumn {
    fn key(self) -> &'static str {
        use ValuesColumn::*;
        match self {
            Condition => "condition",
            Group => "group",
            Dalys => "dalys",
            Population => "population",
            DalysPerCapita => "dalys_per_capita",
            UnitValue => "unit_value",
            PresentValue => "present_value",
            GniPerCapita => "gni_per_capita",
        }
    }

    fn title(self) -> Words {
        use ValuesColumn::*;
        match self {
            Condition => Words::new("Condition", "Condición"),
            Group => Words::new("Population group", "Grupo de población"),
            Dalys => Words::new("DALYs", "AVAD"),
            Population => Words::new("Population", "Población"),
            DalysPerCapita => Words::new("DALYs per capita", "AVAD per cápita"),
            UnitValue => Words::new("Unit value (vi)", "Valor unitario (vi)"),
            PresentValue => Words::new("Present value", "Valor presente"),
            GniPerCapita => Words::new("GNI per capita", "INB per cápita"),
        }
    }

    fn symbol(self) -> Option<&'static str> {
        match self {
            ValuesColumn::UnitValue => Some("vi"),
            _ => None,
        }
    }

    fn field(self) -> Option<Field> {
        use ValuesColumn::*;
        Some(match self {
            Condition => Field::Name,
            Group => Field::Group,
            Dalys => Field::Dalys,
            Population => Field::Population,
            GniPerCapita => Field::GniPerCapita,
            _ => return None,
        })
    }

    fn kind(self) -> Kind {
        use ValuesColumn::*;
        match self {
            Condition | Group => Kind::Text,
            Dalys | Population => Kind::Count,
            DalysPerCapita => Kind::Plain,
            UnitValue | PresentValue | GniPerCapita => Kind::Money,
        }
    }

    fn vocabulary(self) -> &'static [&'static str] {
        use ValuesColumn::*;
        match self {
            Condition => &[
                "health condition",
                "cause",
                "disease",
                "cause of disease",
                "condition group",
                "condición de salud",
                "causa",
                "enfermedad",
            ],
            Group => &[
                "age sex group",
                "age gender group",
                "age group",
                "group",
                "sex age group",
                "age and sex group",
                "grupo",
                "grupo poblacional",
                "grupo de edad",
                "grupo de edad y sexo",
                "grupo de sexo y edad",
                "grupo etario",
            ],
            Dalys => &[
                "number of dalys",
                "total dalys",
                "dalys per condition",
                "disability adjusted life years",
                "burden of disease",
                "avisa",
                "número de avad",
                "total avad",
                "avad totales",
                "años de vida ajustados por discapacidad",
                "carga de enfermedad",
            ],
            Population => &[
                "total population",
                "total population in age gender group",
                "population of the group",
                "group population",
                "population in age gender group",
                "población total",
                "población total del grupo de edad y sexo",
                "población del grupo",
                "población total del grupo",
            ],
            DalysPerCapita => &["dalys per person", "per capita dalys", "avad por persona"],
            UnitValue => &["value per unit", "value", "valor por unidad", "valor"],
            PresentValue => &["npv", "net present value", "valor presente neto", "vpn"],
            GniPerCapita => &[
                "gni",
                "gross national income per capita",
                "inb",
                "ingreso nacional bruto per cápita",
                "pnb per cápita",
                "ingreso per cápita",
            ],
        }
    }
}

/// A program input found by its label outside the tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum ProgramInput {
    TotalCost,
    ProgramYears,
    GniPerCapita,
    DalyMultiple,
    DiscountRate,
    HorizonYears,
    Timing,
    Ceiling,
    Floor,
    RequiredRatio,
    DefaultAnnualChange,
    ProgramName,
    Country,
    Currency,
    Notes,
    Sources,
}

impl Column for ProgramInput {
    fn key(self) -> &'static str {
        use ProgramInput::*;
        match self {
            TotalCost => "total_cost",
            ProgramYears => "program_years",
            GniPerCapita => "gni_per_capita",
            DalyMultiple => "daly_multiple",
            DiscountRate => "discount_rate",
            HorizonYears => "horizon_years",
            Timing => "timing",
            Ceiling => "ceiling",
            Floor => "floor",
            RequiredRatio => "required_ratio",
            DefaultAnnualChange => "default_annual_change",
            ProgramName => "program_name",
            Country => "country",
            Currency => "currency",
            Notes => "notes",
            Sources => "sources",
        }
    }

    fn title(self) -> Words {
        use ProgramInput::*;
        match self {
            TotalCost => TargetsColumn::TotalCost.title(),
            ProgramYears => TargetsColumn::ProgramYears.title(),
            GniPerCapita => ValuesColumn::GniPerCapita.title(),
            DalyMultiple => Words::new(
                "Value of a DALY (× GNI per capita)",
                "Valor de un AVAD (× INB per cápita)",
            ),
            DiscountRate => Words::new("Discount rate", "Tasa de descuento"),
            HorizonYears => Words::new("Horizon (years)", "Horizonte (años)"),
            Timing => Words::new("Benefits counted", "Beneficios contados"),
            Ceiling => Words::new("Ceiling", "Techo"),
            Floor => Words::new("Floor", "Piso"),
            RequiredRatio => Words::new(
                "Required benefit-cost ratio",
                "Relación beneficio-costo exigida",
            ),
            DefaultAnnualChange => Words::new("Default annual change", "Cambio anual por defecto"),
            ProgramName => Words::new("Program", "Programa"),
            Country => Words::new("Country", "País"),
            Currency => Words::new("Currency", "Moneda"),
            Notes => Words::new("Notes", "Notas"),
            Sources => Words::new("Sources", "Fuentes"),
        }
    }

    fn field(self) -> Option<Field> {
        use ProgramInput::*;
        Some(match self {
            TotalCost => Field::TotalCost,
            ProgramYears => Field::ProgramYears,
            GniPerCapita => Field::GniPerCapita,
            DalyMultiple => Field::DalyMultiple,
            DiscountRate => Field::DiscountRate,
            HorizonYears => Field::HorizonYears,
            Timing => Field::Timing,
            Ceiling => Field::Ceiling,
            Floor => Field::Floor,
            RequiredRatio => Field::RequiredRatio,
            DefaultAnnualChange => Field::DefaultAnnualChange,
            ProgramName => Field::ProgramName,
            Country => Field::Country,
            Currency => Field::Currency,
            Notes => Field::Notes,
            Sources => Field::Sources,
        })
    }

    fn kind(self) -> Kind {
        use ProgramInput::*;
        match self {
            TotalCost | GniPerCapita => Kind::Money,
            ProgramYears | DalyMultiple | HorizonYears | RequiredRatio => Kind::Plain,
            DiscountRate | Ceiling | Floor | DefaultAnnualChange => Kind::Percent,
            Timing => Kind::Choice,
            ProgramName | Country | Currency | Notes | Sources => Kind::Text,
        }
    }

    fn vocabulary(self) -> &'static [&'static str] {
        use ProgramInput::*;
        match self {
            TotalCost => TargetsColumn::TotalCost.vocabulary(),
            ProgramYears => TargetsColumn::ProgramYears.vocabulary(),
            GniPerCapita => ValuesColumn::GniPerCapita.vocabulary(),
            DalyMultiple => &[
                "value of a daly",
                "value of one daly",
                "daly multiple",
                "value of a daly x gni",
                "valor de un avad",
                "valor de un avisa",
                "múltiplo del inb",
            ],
            DiscountRate => &[
                "discount rate",
                "discount",
                "tasa de descuento",
                "descuento",
            ],
            HorizonYears => &[
                "horizon",
                "horizon years",
                "benefit horizon",
                "time horizon",
                "years of benefits",
                "horizonte",
                "horizonte temporal",
                "años de beneficios",
            ],
            Timing => &["timing", "timing of benefits", "momento de los beneficios"],
            Ceiling => &[
                "maximum target",
                "cap",
                "upper bound",
                "techo",
                "tope",
                "meta máxima",
                "límite superior",
            ],
            Floor => &["lower bound", "piso", "límite inferior"],
            RequiredRatio => &[
                "required ratio",
                "required benefit cost ratio",
                "minimum benefit cost ratio",
                "razón beneficio costo requerida",
                "relación beneficio costo requerida",
            ],
            DefaultAnnualChange => &["default trend", "tendencia por defecto"],
            ProgramName => &["program name", "nombre del programa"],
            Country => &[],
            Currency => &[],
            Notes => &[],
            Sources => &[],
        }
    }
}
