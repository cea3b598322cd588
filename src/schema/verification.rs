//! The columns of the Verification sheet: each indicator's survey design and what its sample
//! can verify.

use strum::EnumIter;

use super::{Column, Kind, TargetsColumn, Words};
use crate::model::Field;

/// A column of the Verification sheet, in the order the export writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum VerificationColumn {
    Indicator,
    PlannedN,
    ClusterSize,
    Icc,
    Deff,
    Alpha,
    Power,
    Test,
    CounterfactualSe,
    PaymentWeight,
    DeffUsed,
    RequiredN,
    DetectableTarget,
    MinimumAcceptable,
    Verdict,
    Budget,
}

impl Column for VerificationColumn {
    fn key(self) -> &'static str {
        use VerificationColumn::*;
        match self {
            Indicator => "indicator",
            PlannedN => "planned_sample_size",
            ClusterSize => "cluster_size",
            Icc => "icc",
            Deff => "design_effect",
            Alpha => "alpha",
            Power => "power",
            Test => "test",
            CounterfactualSe => "counterfactual_se",
            PaymentWeight => "payment_weight",
            DeffUsed => "design_effect_used",
            RequiredN => "required_sample_size",
            DetectableTarget => "minimum_detectable_target",
            MinimumAcceptable => "minimum_acceptable_target",
            Verdict => "verdict",
            Budget => "fits_budget",
        }
    }

    fn title(self) -> Words {
        use VerificationColumn::*;
        match self {
            Indicator => TargetsColumn::Indicator.title(),
            PlannedN => Words::new("Planned n", "n planificada"),
            ClusterSize => Words::new("Cluster size m", "Tamaño de conglomerado m"),
            Icc => Words::new("ICC ρ", "CCI ρ"),
            Deff => Words::new("DEFF (direct)", "DEFF (directo)"),
            Alpha => Words::new("Alpha α", "Alfa α"),
            Power => Words::new("Power", "Potencia"),
            Test => Words::new("Test", "Prueba"),
            CounterfactualSe => Words::new("Counterfactual SE", "EE del contrafactual"),
            PaymentWeight => Words::new("Payment weight", "Peso de pago"),
            DeffUsed => Words::new("DEFF used", "DEFF usado"),
            RequiredN => Words::new("Required n", "n requerida"),
            DetectableTarget => Words::new("Detectable target", "Meta detectable"),
            MinimumAcceptable => Words::new("Minimum acceptable target", "Meta mínima aceptable"),
            Verdict => Words::new("Verdict", "Veredicto"),
            Budget => Words::new("Within budget", "Dentro del presupuesto"),
        }
    }

    fn describe(self) -> Words {
        use VerificationColumn::*;
        match self {
            Indicator => TargetsColumn::Indicator.describe(),
            PlannedN => Words::new(
                "Respondents the endline survey affords for this indicator",
                "Encuestados que la encuesta final permite para este indicador",
            ),
            ClusterSize => Words::new("Respondents per cluster", "Encuestados por conglomerado"),
            Icc => Words::new("Intraclass correlation", "Correlación intraclase"),
            Deff => Words::new(
                "A design effect given directly; empty uses 1 + (m − 1)·ρ",
                "Un efecto de diseño dado directamente; vacío usa 1 + (m − 1)·ρ",
            ),
            Alpha => Words::new(
                "Two-sided significance level",
                "Nivel de significancia bilateral",
            ),
            Power => Words::new(
                "1 − β: 90% in SMI, 80% the lowest acceptable",
                "1 − β: 90% en SMI, 80% el mínimo aceptable",
            ),
            Test => Words::new(
                "Two proportions when the counterfactual is itself a survey estimate; one \
                 sample against a fixed projection",
                "Dos proporciones cuando el contrafactual es también una estimación de \
                 encuesta; una muestra contra una proyección fija",
            ),
            CounterfactualSe => Words::new(
                "Standard error of the counterfactual from the baseline survey, if known",
                "Error estándar del contrafactual según la encuesta de base, si se conoce",
            ),
            PaymentWeight => Words::new(
                "Weight of the indicator in the share of targets met",
                "Peso del indicador en la proporción de metas cumplidas",
            ),
            DeffUsed => Words::new("Design effect used", "Efecto de diseño usado"),
            RequiredN => Words::new(
                "Respondents needed to tell the final target from the counterfactual",
                "Encuestados necesarios para distinguir la meta final del contrafactual",
            ),
            DetectableTarget => Words::new(
                "The smallest target the planned sample can tell from the counterfactual",
                "La meta más pequeña que la muestra planificada puede distinguir del \
                 contrafactual",
            ),
            MinimumAcceptable => Words::new(
                "The more demanding of the bounded model target and the detectable target",
                "La más exigente entre la meta del modelo acotada y la meta detectable",
            ),
            Verdict => Words::new(
                "Whether the planned sample can verify the final target",
                "Si la muestra planificada puede verificar la meta final",
            ),
            Budget => Words::new(
                "Whether the sample still fits the survey budget, in table order",
                "Si la muestra aún cabe en el presupuesto de la encuesta, en el orden de la \
                 tabla",
            ),
        }
    }

    fn field(self) -> Option<Field> {
        use VerificationColumn::*;
        Some(match self {
            Indicator => Field::Name,
            PlannedN => Field::PlannedSample,
            ClusterSize => Field::ClusterSize,
            Icc => Field::Icc,
            Deff => Field::DesignEffect,
            Alpha => Field::Alpha,
            Power => Field::Power,
            Test => Field::Test,
            CounterfactualSe => Field::CounterfactualSe,
            PaymentWeight => Field::PaymentWeight,
            _ => return None,
        })
    }

    fn kind(self) -> Kind {
        use VerificationColumn::*;
        match self {
            Indicator | Verdict => Kind::Text,
            PlannedN | RequiredN => Kind::Count,
            ClusterSize | Icc | Deff | DeffUsed | PaymentWeight => Kind::Plain,
            Alpha | Power | CounterfactualSe | DetectableTarget | MinimumAcceptable => {
                Kind::Percent
            }
            Test | Budget => Kind::Choice,
        }
    }
}
