//! The vocabulary of problems with inputs (MODEL.md §6): where a problem is, which field, how
//! much it matters, and what is wrong, as typed values. The words are chosen where a problem
//! is shown ([`crate::present`]), in the reader's language.

use super::Bound;
pub use super::field::{Field, Location};

/// How much a problem matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// What depends on the cell is not computed.
    Error,
    /// Shown to the user; the computation goes on.
    Warning,
}

/// What is wrong with an input: the facts, with the numbers in them; the sentence is made
/// where it is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// No value at all (an input a workbook did not give).
    Missing,
    /// A value the field cannot take (`value` may be NaN or infinite): what the field needs
    /// is part of the sentence for that field.
    Invalid { value: f64 },
    /// A proportion outside 0–100 %.
    OutsideProportion { value: f64 },
    /// A whole number of years outside 1–200 (the horizon).
    Years { value: u32 },
    /// The floor is above the ceiling.
    FloorAboveCeiling { floor: f64, ceiling: f64 },
    /// A step of a step tranche outside 0–100 %.
    TrancheSteps,
    /// No indicator at all.
    NoIndicators,
    /// Σ w·N·V is zero: d cannot be computed.
    NoBenefit,
    /// Finite inputs whose products are not: d or the total benefit.
    TooLarge { total_benefit: bool },
    /// A condition without a name.
    NoName,
    /// A condition named like another one (`above` it, or anywhere else in the sheet).
    DuplicateName { name: String, above: bool },
    /// An indicator linked to no condition.
    NoCondition,
    /// An indicator linked to a condition that is not in the Values sheet.
    UnknownCondition { name: String },
    /// A negotiated target beyond the ceiling or floor.
    BeyondBound { target: f64, bound: Bound, at: f64 },
    /// A negotiated target worse than the counterfactual: it takes `lost` off the benefits.
    WrongWay {
        target: f64,
        counterfactual: f64,
        lower_is_better: bool,
        lost: f64,
        currency: String,
    },
    /// An annual change above 20 points a year: likely a slip for a percentage.
    FastTrend { change: f64 },
    /// The trend takes the counterfactual out of 0–100 %: it is held there.
    CounterfactualHeld {
        reached: f64,
        years: f64,
        counted: f64,
    },
    /// A measurement's estimate outside 0–100 % (the round's name; `None` when the project has
    /// no such round).
    Estimate { round: Option<String>, value: f64 },
    /// A measurement's precision value that cannot be used (round's name, which value).
    Precision {
        round: Option<String>,
        part: PrecisionPart,
    },
    /// More measurements than rounds.
    TooManyMeasurements { measurements: usize, rounds: usize },
}

/// The value of a measurement's precision that is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrecisionPart {
    StandardError,
    SampleSize,
    DesignEffect,
    IntervalLow,
    IntervalHigh,
}

/// One problem with one input cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub location: Location,
    pub field: Field,
    pub severity: Severity,
    /// Name of the row, when it has one, to help find it.
    pub row_name: String,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(location: Location, row_name: &str, field: Field, kind: ProblemKind) -> Self {
        Self {
            location,
            field,
            severity: Severity::Error,
            row_name: row_name.to_owned(),
            kind,
        }
    }

    pub fn warning(location: Location, row_name: &str, field: Field, kind: ProblemKind) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(location, row_name, field, kind)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
