use super::super::book::Sheet;
use super::*;
use calamine::Data;

fn book(cells: Vec<((u32, u32), Data)>, formulas: &[((u32, u32), &str)]) -> Book {
    let formulas = formulas
        .iter()
        .map(|(at, f)| (*at, (*f).to_owned()))
        .collect();
    Book::new(vec![Sheet::from_cells("Values", cells, formulas)])
}

fn number(e: &Evaluated) -> Option<f64> {
    match e.value() {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    }
}

#[test]
fn arithmetic_functions_and_references() {
    let b = book(
        vec![
            ((0, 0), Data::Float(0.12)),
            ((1, 0), Data::Float(20.0)),
            ((2, 0), Data::Float(100.0)),
            ((3, 0), Data::String("42%".into())),
        ],
        &[
            ((0, 1), "PV(A1,A2,-A3)"),
            ((1, 1), "SUM(A1:A3)*2"),
            ((2, 1), "SUMPRODUCT(A1:A2,A2:A3)"),
            ((3, 1), "A4*2"),
            ((4, 1), "-(A3+1)*2%"),
            ((5, 1), "IF(A3>50,ROUND(B1,2),0)"),
            ((6, 1), "NPV(0.12,A3,A3)"),
        ],
    );
    let mut e = Evaluator::new(&b);
    let pv = 100.0 * (1.0 - 1.12f64.powi(-20)) / 0.12;
    assert!((number(&e.cell((0, 0, 1))).unwrap_or(0.0) - pv).abs() < 1e-9);
    assert_eq!(
        number(&e.cell((0, 1, 1))),
        Some((0.12 + 20.0 + 100.0) * 2.0)
    );
    assert_eq!(number(&e.cell((0, 2, 1))), Some(0.12 * 20.0 + 20.0 * 100.0));
    assert_eq!(number(&e.cell((0, 3, 1))), Some(0.84));
    assert_eq!(number(&e.cell((0, 4, 1))), Some(-2.02));
    assert_eq!(
        number(&e.cell((0, 5, 1))),
        Some((pv * 100.0).round() / 100.0)
    );
    assert!(
        (number(&e.cell((0, 6, 1))).unwrap_or(0.0) - (100.0 / 1.12 + 100.0 / 1.12 / 1.12)).abs()
            < 1e-9
    );
}

#[test]
fn a_circular_reference_names_its_cells_and_is_never_a_number() {
    let b = book(
        vec![((0, 0), Data::Float(3370.0)), ((0, 1), Data::Float(5.0))],
        &[((0, 0), "B1+1"), ((0, 1), "A1+1"), ((0, 2), "A1*2")],
    );
    let mut e = Evaluator::new(&b);
    match e.cell((0, 0, 0)) {
        Evaluated::Failed(EvalError::Circular { cells }) => {
            assert_eq!(cells, vec![(0, 0, 0), (0, 0, 1)]);
        }
        other => panic!("{other:?}"),
    }
    // A cell that depends on the circle fails too, even with the circle's cached values.
    assert!(matches!(
        e.cell((0, 0, 2)),
        Evaluated::Failed(EvalError::Circular { .. })
    ));
}

#[test]
fn an_exponential_chain_is_evaluated_once_per_cell() {
    let mut formulas = Vec::new();
    let texts: Vec<String> = (1..200).map(|k| format!("(A{k}+A{k})/2")).collect();
    for (k, text) in texts.iter().enumerate() {
        formulas.push(((k as u32 + 1, 0), text.as_str()));
    }
    let b = book(vec![((0, 0), Data::Float(3370.0))], &formulas);
    let mut e = Evaluator::new(&b);
    assert_eq!(number(&e.cell((0, 199, 0))), Some(3370.0));
    assert!(e.spent() < 10_000, "spent {}", e.spent());
}

#[test]
fn a_long_chain_does_not_use_the_stack() {
    let texts: Vec<String> = (1..200_000).map(|k| format!("A{k}+1")).collect();
    let formulas: Vec<((u32, u32), String)> = texts
        .into_iter()
        .enumerate()
        .map(|(k, t)| ((k as u32 + 1, 0), t))
        .collect();
    let b = Book::new(vec![Sheet::from_cells(
        "S",
        vec![((0, 0), Data::Float(0.0))],
        formulas,
    )]);
    // Without a budget the whole chain is followed, on the heap…
    let mut e = Evaluator::with_budget(&b, u64::MAX);
    assert_eq!(number(&e.cell((0, 199_999, 0))), Some(199_999.0));
    // …and with the import's, the work stops and the cell says why.
    let mut bounded = Evaluator::new(&b);
    assert!(matches!(
        bounded.cell((0, 199_999, 0)),
        Evaluated::Failed(EvalError::Budget { .. })
    ));
    assert!(bounded.spent() <= WORK_BUDGET + FRAME_COST + 64);
}

#[test]
fn the_budget_stops_work_and_the_cached_result_serves() {
    let b = book(
        vec![((0, 0), Data::Float(1.0)), ((0, 1), Data::Float(7.0))],
        &[((0, 1), "SUM(A1:A1000000)")],
    );
    let mut e = Evaluator::with_budget(&b, 10);
    // The range is cut at the sheet's last used cell, so even a small budget suffices…
    assert_eq!(number(&e.cell((0, 0, 1))), Some(1.0));
    // …but a budget of nothing falls back on the cached 7, saying why.
    let mut poor = Evaluator::with_budget(&b, 0);
    assert!(matches!(
        poor.cell((0, 0, 1)),
        Evaluated::Cached {
            value: Value::Number(7.0),
            why: EvalError::Budget { .. }
        }
    ));
}

#[test]
fn unsupported_functions_and_limits_fall_back_on_cached_results() {
    let deep = format!("{}1{}", "(".repeat(100), ")".repeat(100));
    let b = book(
        vec![((0, 0), Data::Float(9.0)), ((0, 1), Data::Empty)],
        &[((0, 0), "VLOOKUP(1,C1:D3,2)"), ((0, 1), deep.as_str())],
    );
    let mut e = Evaluator::new(&b);
    let Evaluated::Cached { value, why } = e.cell((0, 0, 0)) else {
        panic!("an unsupported function gives its cached result");
    };
    assert_eq!(value, Value::Number(9.0));
    assert!(matches!(why, EvalError::Unsupported { ref function, .. } if function == "VLOOKUP"));
    assert!(matches!(
        e.cell((0, 0, 1)),
        Evaluated::Failed(EvalError::Formula {
            error: FormulaError::TooDeep,
            ..
        })
    ));
}

#[test]
fn defined_names_resolve() {
    let mut b = book(
        vec![((7, 5), Data::Float(9_750_000.0))],
        &[((0, 0), "Cost/2")],
    );
    b.names.push(("Cost".into(), "Values!$F$8".into()));
    let mut e = Evaluator::new(&b);
    assert_eq!(number(&e.cell((0, 0, 0))), Some(4_875_000.0));
}
