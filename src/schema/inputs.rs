//! The program inputs, found by their labels outside the tables.

use strum::EnumIter;

use super::{Column, Kind, TargetsColumn, ValuesColumn, Words};
use crate::model::Field;

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

    fn describe(self) -> Words {
        use ProgramInput::*;
        match self {
            TotalCost => TargetsColumn::TotalCost.describe(),
            ProgramYears => TargetsColumn::ProgramYears.describe(),
            GniPerCapita => ValuesColumn::GniPerCapita.describe(),
            DalyMultiple => Words::new(
                "k: 1 is conservative, 3 the upper bound (WHO Commission on Macroeconomics and \
                 Health)",
                "k: 1 es conservador, 3 el límite superior (Comisión sobre Macroeconomía y Salud \
                 de la OMS)",
            ),
            DiscountRate => Words::new(
                "r: yearly discount rate of the benefit stream (12% in the note)",
                "r: tasa anual de descuento del flujo de beneficios (12% en la nota)",
            ),
            HorizonYears => Words::new(
                "H: years over which benefits accrue (20 in the note)",
                "H: años durante los que se acumulan los beneficios (20 en la nota)",
            ),
            Ceiling => Words::new(
                "Highest target allowed for a higher-is-better indicator (95% in SM2015)",
                "Meta más alta permitida para un indicador en que más es mejor (95% en SM2015)",
            ),
            Floor => Words::new(
                "Lowest target allowed for a lower-is-better indicator",
                "Meta más baja permitida para un indicador en que menos es mejor",
            ),
            RequiredRatio => Words::new(
                "R: 1 means benefits must at least cover the cost",
                "R: 1 significa que los beneficios deben al menos cubrir el costo",
            ),
            DefaultAnnualChange => Words::new(
                "a₀: yearly change without the program where no trend is known (note, footnote \
                 18); lower-is-better rows use −a₀",
                "a₀: cambio anual sin el programa donde no se conoce la tendencia (nota, nota al \
                 pie 18); las filas en que menos es mejor usan −a₀",
            ),
            _ => Words::new("", ""),
        }
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
