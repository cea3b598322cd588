//! Numbers as people type and read them: one rule for percentages and amounts, used by the
//! grids, the CLI table and (later) spreadsheet import.
//!
//! **Percent cells.** `62%` is 62 %. A bare number of 1 or more (in absolute value) is read as
//! percent: `62` is 62 %, `1` is 1 %. A bare number below 1 is read as a proportion: `0.62` is
//! 62 %. So `62`, `62%` and `0.62` all mean 62 %; to enter half a percent type `0.5%`.
//!
//! **Decimal separator.** Both `0.62` and `0,62` are accepted. With both marks present the last
//! one is the decimal separator (`9,750,000.5` and `9.750.000,5`); a single mark followed by
//! exactly three digits is a thousands separator (`9,750` is nine thousand seven hundred fifty),
//! anything else a decimal one (`0,42`, `1.5`). Spaces and underscores are ignored.

use crate::i18n::Lang;
use crate::tr;

/// What a cell expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// An amount, count or ratio.
    Number,
    /// A level or change, as a percentage.
    Percent,
}

/// Text that is not a number, with what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub text: String,
    pub expected: Expected,
}

impl ParseError {
    /// The message in `lang`: "\"abc\" is not a number; expected a percentage such as 62%…".
    pub fn message(&self, lang: Lang) -> String {
        let expected = match self.expected {
            Expected::Number => lang.t("a number such as 1500 or 0.5", "un número como 1500 o 0.5"),
            Expected::Percent => lang.t(
                "a percentage such as 62%, 62 or 0.62",
                "un porcentaje como 62%, 62 o 0.62",
            ),
        };
        let text = self.text.trim();
        if text.is_empty() {
            tr!(
                lang,
                "the cell is empty; expected {expected}",
                "la celda está vacía; se esperaba {expected}"
            )
        } else {
            tr!(
                lang,
                "\"{text}\" is not a number; expected {expected}",
                "\"{text}\" no es un número; se esperaba {expected}"
            )
        }
    }
}

/// Reads an amount, count or ratio ("9,750,000", "0,42", "1.5", "-3").
pub fn parse_number(text: &str) -> Result<f64, ParseError> {
    parse_with(text, Expected::Number)
}

fn parse_with(text: &str, expected: Expected) -> Result<f64, ParseError> {
    parse_scaled(text, expected, 0)
}

/// Reads a number and divides it by 10^`shift` exactly as the decimal text says, so that
/// "0.7" with shift 2 is the nearest double to 0.007 (not 0.7 / 100, which is off by one ulp).
fn parse_scaled(text: &str, expected: Expected, shift: i32) -> Result<f64, ParseError> {
    let fail = || ParseError {
        text: text.to_owned(),
        expected,
    };
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let cleaned = cleaned
        .strip_prefix("US$")
        .or_else(|| cleaned.strip_prefix('$'))
        .unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err(fail());
    }
    let normalized = normalize_separators(cleaned).ok_or_else(fail)?;
    let value: f64 = if shift == 0 {
        normalized.parse()
    } else if normalized.contains(['e', 'E']) {
        normalized.parse::<f64>().map(|v| v / 10f64.powi(shift))
    } else {
        format!("{normalized}e-{shift}").parse()
    }
    .map_err(|_| fail())?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(fail())
    }
}

/// Rewrites thousands and decimal marks as Rust's float syntax expects, or `None` when the
/// text has characters a number cannot have.
fn normalize_separators(text: &str) -> Option<String> {
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    let last_dot = text.rfind('.');
    let last_comma = text.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(p), None) | (None, Some(p)) => {
            let mark = text.as_bytes()[p];
            let count = text.bytes().filter(|&b| b == mark).count();
            let digits_after = text[p + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            let rest_is_digits = digits_after == text.len() - p - 1;
            let leading_int = text[..p].trim_start_matches(['-', '+']);
            if count > 1
                || (digits_after == 3
                    && rest_is_digits
                    && !leading_int.is_empty()
                    && leading_int != "0")
            {
                None
            } else {
                Some(p)
            }
        }
        (None, None) => None,
    };
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '.' | ',' if Some(i) == decimal => out.push('.'),
            '.' | ',' => {}
            _ => out.push(c),
        }
    }
    Some(out)
}

/// Reads a level or change typed in a percent cell, by the rule in this module's docs.
pub fn parse_percent(text: &str) -> Result<f64, ParseError> {
    let expected = Expected::Percent;
    let trimmed = text.trim();
    if let Some(number) = trimmed.strip_suffix('%') {
        return parse_scaled(number, expected, 2);
    }
    let value = parse_with(trimmed, expected)?;
    if value.abs() >= 1.0 {
        parse_scaled(trimmed, expected, 2)
    } else {
        Ok(value)
    }
}

/// A proportion shown as a percentage: `format_percent(0.6234, 1)` is "62.3%".
pub fn format_percent(proportion: f64, decimals: usize) -> String {
    let value = proportion * 100.0;
    if !value.is_finite() {
        return "—".to_owned();
    }
    // Avoid "-0.0%".
    let value = if value.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
        0.0
    } else {
        value
    };
    let mut text = fixed_point(value, decimals);
    text.push('%');
    text
}

/// `value` with `decimals` decimals, exactly as `format!("{value:.decimals$}")` writes it.
/// That formatting takes a slow exact path for every value; here a value that is not within a
/// hair of a rounding tie is rounded in integers instead (to 3 decimals and below ten
/// million), which gives the same digits, and anything else goes the exact way. A 10,000-row
/// table formats about 80,000 such numbers.
pub fn fixed_point(value: f64, decimals: usize) -> String {
    const SCALES: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];
    if let Some(&scale) = SCALES.get(decimals) {
        let scaled = value * scale;
        // `scaled` is within 2e-9 of the exact value times the scale (below 1e7), so away
        // from a tie both round to the same integer.
        let from_tie = (scaled - scaled.floor() - 0.5).abs();
        if scaled.abs() < 1e7 && from_tie > 1e-6 {
            let rounded = scaled.round() as i64;
            // "-0.0" is left to the exact path.
            if rounded != 0 || value.is_sign_positive() {
                return decimal_text(rounded, decimals);
            }
        }
    }
    format!("{value:.decimals$}")
}

/// An integer count of 10^-`decimals` units as a decimal number: (-1234, 2) → "-12.34".
fn decimal_text(units: i64, decimals: usize) -> String {
    let digits = units.unsigned_abs().to_string();
    let sign = if units < 0 { "-" } else { "" };
    if decimals == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = decimals + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    format!("{sign}{whole}.{fraction}")
}

/// A plain number with thousands separators and as many decimals as it needs (at most 6):
/// "9,750,000", "0.079", "1.5".
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let magnitude = value.abs();
    if magnitude >= 1e15 {
        return format!("{value:e}");
    }
    let decimals = if magnitude >= 1000.0 {
        0
    } else if magnitude >= 1.0 {
        2
    } else {
        6
    };
    let text = fixed_point(value, decimals);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    let text = if text == "-0" { "0".to_owned() } else { text };
    group_thousands(&text)
}

/// A number with a fixed count of decimals and thousands separators: "1,024.33".
pub fn format_fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value.abs() >= 1e15 {
        return format!("{value:e}");
    }
    let text = fixed_point(value, decimals);
    let text = if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    };
    group_thousands(&text)
}

/// An amount of money, rounded to the unit, with thousands separators: "9,750,000".
pub fn format_amount(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value.abs() >= 1e15 {
        return format!("{value:e}");
    }
    // Below 1e15 a rounded amount is an exact integer: printed as one, without the slower
    // fixed-precision float formatting.
    group_thousands(&(value.round() as i64).to_string())
}

/// A count with thousands separators, as amounts have them: 10000 → "10,000".
pub fn format_count(count: usize) -> String {
    group_thousands(&count.to_string())
}

/// A number with thousands separators and `decimals` decimals: 433.7195 → "433.72".
pub fn format_decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    group_thousands(&fixed_point(value, decimals))
}

fn group_thousands(text: &str) -> String {
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text), |rest| ("-", rest));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// English, for `?` into a boxed error and for logs; what a person reads is made with
/// `message(lang)` in their language.
impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        for (count, shown) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (10_000, "10,000"),
            (30_101, "30,101"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(format_count(count), shown);
        }
    }

    #[test]
    fn the_three_ways_to_type_62_percent_agree() {
        for text in ["62", "62%", "0.62", "0,62", " 62 % ", "62.0"] {
            let value = parse_percent(text).unwrap_or(f64::NAN);
            assert!((value - 0.62).abs() < 1e-12, "{text} gave {value}");
        }
    }

    #[test]
    fn percent_rule_edges() {
        assert_eq!(parse_percent("1"), Ok(0.01));
        assert_eq!(parse_percent("100"), Ok(1.0));
        assert_eq!(parse_percent("0.5%"), Ok(0.005));
        assert_eq!(parse_percent("-0.7%"), Ok(-0.007));
        assert_eq!(parse_percent("0"), Ok(0.0));
        assert!(parse_percent("").is_err());
        assert!(parse_percent("abc").is_err());
        assert!(parse_percent("1e400").is_err());
    }

    #[test]
    fn amounts_with_either_separator() {
        assert_eq!(parse_number("9,750,000"), Ok(9_750_000.0));
        assert_eq!(parse_number("9.750.000"), Ok(9_750_000.0));
        assert_eq!(parse_number("9,750,000.5"), Ok(9_750_000.5));
        assert_eq!(parse_number("9.750.000,5"), Ok(9_750_000.5));
        assert_eq!(parse_number("US$ 1,625,000"), Ok(1_625_000.0));
        assert_eq!(parse_number("0,42"), Ok(0.42));
        assert_eq!(parse_number("0.079"), Ok(0.079));
        assert_eq!(parse_number("1.5"), Ok(1.5));
        assert_eq!(parse_number("59 819"), Ok(59_819.0));
        assert_eq!(parse_number("−3"), Ok(-3.0));
        assert!(parse_number("12a").is_err());
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("inf").is_err());
    }

    #[test]
    fn formatting() {
        assert_eq!(format_percent(0.6234, 1), "62.3%");
        assert_eq!(format_percent(-0.00001, 1), "0.0%");
        assert_eq!(format_percent(f64::NAN, 1), "—");
        assert_eq!(format_number(9_750_000.0), "9,750,000");
        assert_eq!(format_number(0.079), "0.079");
        assert_eq!(format_number(-1234.4), "-1,234");
        assert_eq!(format_amount(-1_234_567.6), "-1,234,568");
        assert_eq!(format_amount(-0.4), "0");
        assert_eq!(format_amount(999_999_999_999_999.0), "999,999,999,999,999");
        assert_eq!(format_fixed(1024.334, 2), "1,024.33");
        assert_eq!(format_fixed(-0.001, 2), "0.00");
        assert_eq!(format_number(f64::INFINITY), "—");
    }
}

/// A benefit-cost ratio with two decimals, or more where two would round it onto the required
/// ratio it is below (0.996 is never shown as "1.00"); at most six.
pub fn format_ratio(ratio: f64, required: f64) -> String {
    if !ratio.is_finite() {
        return "—".to_owned();
    }
    let mut decimals = 2;
    while decimals < 6 {
        let scale = 10f64.powi(decimals);
        let shown = (ratio * scale).round() / scale;
        if ratio >= required || shown < required {
            break;
        }
        decimals += 1;
    }
    format!("{ratio:.*}", decimals as usize)
}

/// A target as agreed: a percentage with one decimal, or up to three where the target has
/// them (57.25 % is shown as typed, not as 57.3 %).
pub fn format_target(value: f64) -> String {
    if !(value * 100.0).is_finite() {
        return String::new();
    }
    let text = fixed_point(value * 100.0, 3);
    let trimmed = text.trim_end_matches('0');
    let trimmed = if trimmed.ends_with('.') {
        format!("{trimmed}0")
    } else {
        trimmed.to_owned()
    };
    format!("{trimmed}%")
}

#[cfg(test)]
mod shown {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// The integer path writes every value as the standard formatting does: values of
        /// every size, and values at or a hair from a rounding tie.
        #[test]
        fn fixed_point_is_the_standard_formatting(
            value in prop_oneof![
                any::<f64>(),
                -2e7..2e7f64,
                -1.0..1.0f64,
                (-100_000i64..100_000, 0usize..4, -3i64..4).prop_map(|(units, d, hair)| {
                    // k + 0.5 units of the last decimal, give or take a few ulps.
                    let scale = 10f64.powi(d as i32);
                    let tie = (units as f64 + 0.5) / scale;
                    f64::from_bits((tie.to_bits() as i64 + hair) as u64)
                }),
            ],
            decimals in 0usize..6,
        ) {
            prop_assert_eq!(fixed_point(value, decimals), format!("{value:.decimals$}"));
        }
    }

    #[test]
    fn fixed_point_examples() {
        for (value, decimals) in [
            (0.25, 1),
            (0.35, 1),
            (-0.04, 1),
            (-0.0, 1),
            (0.0, 0),
            (-0.6, 0),
            (1e7, 1),
            (9_999_999.95, 1),
            (123.4567, 3),
            (-5.0, 2),
            (0.05, 1),
            (f64::NAN, 1),
        ] {
            assert_eq!(
                fixed_point(value, decimals),
                format!("{value:.decimals$}"),
                "{value}"
            );
        }
    }

    #[test]
    fn a_ratio_below_the_requirement_never_looks_like_it() {
        assert_eq!(format_ratio(0.996, 1.0), "0.996");
        assert_eq!(format_ratio(0.9996, 1.0), "0.9996");
        assert_eq!(format_ratio(0.994, 1.0), "0.99");
        assert_eq!(format_ratio(1.6, 1.0), "1.60");
        assert_eq!(format_ratio(1.004, 1.0), "1.00");
        assert_eq!(format_ratio(1.496, 1.5), "1.496");
    }

    #[test]
    fn targets_show_what_was_agreed() {
        assert_eq!(format_target(0.81), "81.0%");
        assert_eq!(format_target(0.5725), "57.25%");
        assert_eq!(format_target(0.95), "95.0%");
        assert_eq!(format_target(0.123456), "12.346%");
    }
}
