//! The columns of the Rounds sheet: the measurement rounds, and each indicator's estimate at a
//! round with what the compliance rules make of it.

use strum::EnumIter;

use super::{Column, Kind, TargetsColumn, VerificationColumn, Words};
use crate::model::Field;

/// A column of the list of measurement rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum RoundColumn {
    Round,
    Months,
    WeightedShareMet,
    FractionPaid,
    TranchePaid,
}

impl Column for RoundColumn {
    fn key(self) -> &'static str {
        match self {
            RoundColumn::Round => "round",
            RoundColumn::Months => "months",
            RoundColumn::WeightedShareMet => "weighted_share_met",
            RoundColumn::FractionPaid => "paid_fraction",
            RoundColumn::TranchePaid => "tranche_paid",
        }
    }

    fn title(self) -> Words {
        match self {
            RoundColumn::Round => Words::new("Round", "Ronda"),
            RoundColumn::Months => Words::new("Months", "Meses"),
            RoundColumn::WeightedShareMet => {
                Words::new("Weighted share met", "Proporción ponderada cumplida")
            }
            RoundColumn::FractionPaid => Words::new("Fraction paid", "Fracción pagada"),
            RoundColumn::TranchePaid => Words::new("Tranche paid", "Tramo pagado"),
        }
    }

    fn field(self) -> Option<Field> {
        match self {
            RoundColumn::Round => Some(Field::RoundName(0)),
            RoundColumn::Months => Some(Field::RoundMonths(0)),
            _ => None,
        }
    }

    fn kind(self) -> Kind {
        match self {
            RoundColumn::Round => Kind::Text,
            RoundColumn::Months => Kind::Plain,
            RoundColumn::WeightedShareMet | RoundColumn::FractionPaid => Kind::Percent,
            RoundColumn::TranchePaid => Kind::Money,
        }
    }
}

/// A column of a round's measurements: one row per indicator measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum RoundsColumn {
    Indicator,
    Round,
    Target,
    Counterfactual,
    Estimate,
    Precision,
    /// The standard error, the number of respondents or the interval's low end.
    First,
    /// The design effect or the interval's high end.
    Second,
    PaymentWeight,
    Rule1,
    Rule2,
    Met,
    WhyNot,
}

impl Column for RoundsColumn {
    fn key(self) -> &'static str {
        use RoundsColumn::*;
        match self {
            Indicator => "indicator",
            Round => "round",
            Target => "final_target",
            Counterfactual => "counterfactual",
            Estimate => "estimate",
            Precision => "precision",
            First => "se_n_or_low",
            Second => "deff_or_high",
            PaymentWeight => "payment_weight",
            Rule1 => "rule1",
            Rule2 => "rule2",
            Met => "met",
            WhyNot => "why_not",
        }
    }

    fn title(self) -> Words {
        use RoundsColumn::*;
        match self {
            Indicator => TargetsColumn::Indicator.title(),
            Round => Words::new("In round", "En la ronda"),
            Target => TargetsColumn::FinalTarget.title(),
            Counterfactual => TargetsColumn::Counterfactual.title(),
            Estimate => Words::new("Estimate", "Estimación"),
            Precision => Words::new("Precision", "Precisión"),
            First => Words::new("SE, n or low", "EE, n o bajo"),
            Second => Words::new("DEFF or high", "DEFF o alto"),
            PaymentWeight => VerificationColumn::PaymentWeight.title(),
            Rule1 => Words::new("Rule 1", "Regla 1"),
            Rule2 => Words::new("Rule 2", "Regla 2"),
            Met => Words::new("Met", "Cumplida"),
            WhyNot => Words::new("Why not", "Por qué no"),
        }
    }

    fn describe(self) -> Words {
        use RoundsColumn::*;
        match self {
            Estimate => Words::new(
                "Y: the survey's estimate",
                "Y: la estimación de la encuesta",
            ),
            Rule1 => Words::new(
                "The estimate reaches the target",
                "La estimación alcanza la meta",
            ),
            Rule2 => Words::new(
                "The estimate's 95% interval lies beyond the counterfactual",
                "El intervalo del 95% de la estimación queda más allá del contrafactual",
            ),
            PaymentWeight => VerificationColumn::PaymentWeight.describe(),
            _ => Words::new("", ""),
        }
    }

    fn is_computed(self) -> bool {
        use RoundsColumn::*;
        matches!(self, Target | Counterfactual | Rule1 | Rule2 | Met | WhyNot)
    }

    fn kind(self) -> Kind {
        use RoundsColumn::*;
        match self {
            Indicator | Round | WhyNot => Kind::Text,
            Target | Counterfactual | Estimate => Kind::Percent,
            Precision | Rule1 | Rule2 | Met => Kind::Choice,
            First | Second | PaymentWeight => Kind::Plain,
        }
    }
}
