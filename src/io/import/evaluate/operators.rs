//! The spreadsheet functions of one number and the operators, as the importer evaluates them.

use super::Value;
use crate::io::import::formula::BinOp;

pub(super) fn scalar_function(name: &str, v: &[f64]) -> Result<f64, Value> {
    let arg = |i: usize| v.get(i).copied();
    let value_error = || Value::Error("#VALUE!".into());
    match name {
        "ABS" => arg(0).map(f64::abs).ok_or_else(value_error),
        "SQRT" => match arg(0) {
            Some(x) if x >= 0.0 => Ok(x.sqrt()),
            Some(_) => Err(Value::Error("#NUM!".into())),
            None => Err(value_error()),
        },
        "POWER" => match (arg(0), arg(1)) {
            (Some(a), Some(b)) => Ok(a.powf(b)),
            _ => Err(value_error()),
        },
        "ROUND" | "ROUNDUP" | "ROUNDDOWN" => {
            let (Some(x), digits) = (arg(0), arg(1).unwrap_or(0.0)) else {
                return Err(value_error());
            };
            let scale = 10f64.powi(digits.trunc().clamp(-300.0, 300.0) as i32);
            let scaled = x * scale;
            let rounded = match name {
                "ROUND" => scaled.round(),
                "ROUNDUP" => scaled.abs().ceil().copysign(scaled),
                _ => scaled.trunc(),
            };
            Ok(rounded / scale)
        }
        // PV(rate, nper, pmt, [fv], [type]), as Excel defines it.
        _ => {
            let (Some(rate), Some(nper), Some(pmt)) = (arg(0), arg(1), arg(2)) else {
                return Err(value_error());
            };
            let fv = arg(3).unwrap_or(0.0);
            let due = arg(4).unwrap_or(0.0);
            if rate == 0.0 {
                return Ok(-(pmt * nper + fv));
            }
            let growth = (1.0 + rate).powf(nper);
            Ok(-(pmt * (1.0 + rate * due) * (growth - 1.0) / rate + fv) / growth)
        }
    }
}

fn concatenate(a: &Value, b: &Value) -> Value {
    let text = |v: &Value| match v {
        Value::Number(n) => crate::text::format_number(*n),
        Value::Text(t) => t.clone(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Value::Empty | Value::Error(_) => String::new(),
    };
    match (a, b) {
        (Value::Error(_), _) => a.clone(),
        (_, Value::Error(_)) => b.clone(),
        _ => Value::Text(text(a) + &text(b)),
    }
}

pub(super) fn binary(op: BinOp, a: &Value, b: &Value) -> Value {
    if op == BinOp::Concat {
        return concatenate(a, b);
    }
    let (x, y) = match (a.number(), b.number()) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let result = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y == 0.0 => return Value::Error("#DIV/0!".into()),
        BinOp::Div => x / y,
        BinOp::Pow => x.powf(y),
        BinOp::Eq => return Value::Bool(x == y),
        BinOp::Ne => return Value::Bool(x != y),
        BinOp::Lt => return Value::Bool(x < y),
        BinOp::Le => return Value::Bool(x <= y),
        BinOp::Gt => return Value::Bool(x > y),
        BinOp::Ge => return Value::Bool(x >= y),
        BinOp::Concat => return concatenate(a, b),
    };
    // (Concatenation returned above; the arm keeps the match whole.)
    if result.is_finite() {
        Value::Number(result)
    } else {
        Value::Error("#NUM!".into())
    }
}
