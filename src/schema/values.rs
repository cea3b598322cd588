//! The columns of the Values table.

use strum::EnumIter;

use super::{Column, Kind, Words};
use crate::model::Field;

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

    fn describe(self) -> Words {
        use ValuesColumn::*;
        match self {
            Condition => Words::new(
                "Health condition; indicators link to it",
                "Condición de salud; los indicadores se vinculan a ella",
            ),
            Group => Words::new(
                "Age-sex group the DALYs and the population refer to",
                "Grupo de edad y sexo al que se refieren los AVAD y la población",
            ),
            Dalys => Words::new(
                "D: total disability-adjusted life years for the condition in the group (WHO)",
                "D: total de años de vida ajustados por discapacidad de la condición en el grupo \
                 (OMS)",
            ),
            Population => Words::new(
                "P: population of the group (census)",
                "P: población del grupo (censo)",
            ),
            DalysPerCapita => Words::new("D / P", "D / P"),
            UnitValue => Words::new(
                "v = k · G · D / P: value of one full unit (100 points) of improvement for one \
                 person",
                "v = k · G · D / P: valor de una unidad completa (100 puntos) de mejora para una \
                 persona",
            ),
            PresentValue => Words::new(
                "V = v · A: present value over the horizon at the discount rate",
                "V = v · A: valor presente en el horizonte a la tasa de descuento",
            ),
            GniPerCapita => Words::new(
                "G: gross national income per person (World Bank)",
                "G: ingreso nacional bruto por persona (Banco Mundial)",
            ),
        }
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
