//! The normal distribution and the sample sizes of MODEL.md §5.

/// Evaluates a polynomial with coefficients from the constant term up (Horner).
fn polynomial(coefficients: &[f64], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

/// Standard normal quantile: the z with Φ(z) = p, for 0 < p < 1 (Wichura 1988, algorithm
/// AS 241, PPND16; relative accuracy about 1e-16). Outside (0, 1) it returns NaN; callers
/// validate first. The coefficients are those published with the algorithm.
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 8] = [
        3.3871328727963666080e0,
        1.3314166789178437745e+2,
        1.9715909503065514427e+3,
        1.3731693765509461125e+4,
        4.5921953931549871457e+4,
        6.7265770927008700853e+4,
        3.3430575583588128105e+4,
        2.5090809287301226727e+3,
    ];
    const B: [f64; 8] = [
        1.0,
        4.2313330701600911252e+1,
        6.8718700749205790830e+2,
        5.3941960214247511077e+3,
        2.1213794301586595867e+4,
        3.9307895800092710610e+4,
        2.8729085735721942674e+4,
        5.2264952788528545610e+3,
    ];
    const C: [f64; 8] = [
        1.42343711074968357734e0,
        4.63033784615654529590e0,
        5.76949722146069140550e0,
        3.64784832476320460504e0,
        1.27045825245236838258e0,
        2.41780725177450611770e-1,
        2.27238449892691845833e-2,
        7.74545014278341407640e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.05319162663775882187e0,
        1.67638483018380384940e0,
        6.89767334985100004550e-1,
        1.48103976427480074590e-1,
        1.51986665636164571966e-2,
        5.47593808499534494600e-4,
        1.05075007164441684324e-9,
    ];
    const E: [f64; 8] = [
        6.65790464350110377720e0,
        5.46378491116411436990e0,
        1.78482653991729133580e0,
        2.96560571828504891230e-1,
        2.65321895265761230930e-2,
        1.24266094738807843860e-3,
        2.71155556874348757815e-5,
        2.01033439929228813265e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        5.99832206555887937690e-1,
        1.36929880922735805310e-1,
        1.48753612908506148525e-2,
        7.86869131145613259100e-4,
        1.84631831751005468180e-5,
        1.42151175831644588870e-7,
        2.04426310338993978564e-15,
    ];
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * polynomial(&A, r) / polynomial(&B, r);
    }
    let r = (-(if q < 0.0 { p } else { 1.0 - p }).ln()).sqrt();
    let value = if r <= 5.0 {
        polynomial(&C, r - 1.6) / polynomial(&D, r - 1.6)
    } else {
        polynomial(&E, r - 5.0) / polynomial(&F, r - 5.0)
    };
    if q < 0.0 { -value } else { value }
}

/// Which test the sample size is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    /// Two proportions, pooled variance, no continuity correction (R's `power.prop.test`):
    /// the counterfactual is itself a survey estimate.
    #[default]
    TwoProportions,
    /// One sample against a fixed projected counterfactual p0.
    OneSample,
}

/// Levels closer than this are one level: a billionth of a percentage point is rounding in
/// the arithmetic (a counterfactual of 0.9500000000000001 against a ceiling of 0.95), not a
/// difference a survey could tell, and it would ask for some 10³¹ respondents.
pub const SAME_LEVEL: f64 = 1e-9;

/// Respondents needed per survey round to tell `p2` from `p1` at two-sided level `alpha` with
/// the given power, times the design effect. `None` when the two levels are equal or an input
/// is outside its range.
pub fn required_sample_size(
    p1: f64,
    p2: f64,
    alpha: f64,
    power: f64,
    deff: f64,
    test: TestKind,
) -> Option<f64> {
    let proportion = |p: f64| p.is_finite() && (0.0..=1.0).contains(&p);
    if !(proportion(p1)
        && proportion(p2)
        && alpha > 0.0
        && alpha < 1.0
        && power > 0.0
        && power < 1.0)
        || !(deff.is_finite() && deff > 0.0)
        || (p1 - p2).abs() < SAME_LEVEL
    {
        return None;
    }
    let z_alpha = normal_quantile(1.0 - alpha / 2.0);
    let z_beta = normal_quantile(power);
    let (q1, q2) = (1.0 - p1, 1.0 - p2);
    let numerator = match test {
        TestKind::TwoProportions => {
            let pbar = (p1 + p2) / 2.0;
            z_alpha * (2.0 * pbar * (1.0 - pbar)).sqrt() + z_beta * (p1 * q1 + p2 * q2).sqrt()
        }
        TestKind::OneSample => z_alpha * (p1 * q1).sqrt() + z_beta * (p2 * q2).sqrt(),
    };
    let n = deff * numerator * numerator / ((p1 - p2) * (p1 - p2));
    n.is_finite().then_some(n)
}

/// The smallest change `Δ > 0` from `p1` in direction `sign` whose required sample does not
/// exceed `n`; `None` when even the largest possible change needs more.
pub fn minimum_detectable_change(
    p1: f64,
    sign: f64,
    n: f64,
    alpha: f64,
    power: f64,
    deff: f64,
    test: TestKind,
) -> Option<f64> {
    if !(n.is_finite() && n > 0.0 && (0.0..=1.0).contains(&p1)) {
        return None;
    }
    let room = if sign > 0.0 { 1.0 - p1 } else { p1 };
    if room <= 0.0 {
        return None;
    }
    let need = |delta: f64| {
        required_sample_size(p1, p1 + sign * delta, alpha, power, deff, test)
            .unwrap_or(f64::INFINITY)
    };
    if need(room) > n {
        return None;
    }
    // The need falls as the change grows (checked at both ends); bisection to 1e-12.
    let (mut low, mut high) = (0.0, room);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if need(mid) > n {
            low = mid;
        } else {
            high = mid;
        }
        if high - low < 1e-13 {
            break;
        }
    }
    Some(high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_published_values() {
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-15);
        assert!((normal_quantile(0.9) - 1.281_551_565_544_600_5).abs() < 1e-15);
        assert!((normal_quantile(0.8) - 0.841_621_233_572_914_3).abs() < 1e-15);
        assert!((normal_quantile(0.5)).abs() < 1e-300);
        assert!((normal_quantile(1e-10) + 6.361_340_902_404_056).abs() < 1e-12);
        assert!(normal_quantile(0.0).is_nan() && normal_quantile(1.0).is_nan());
    }
}
