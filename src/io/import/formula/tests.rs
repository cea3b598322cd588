use super::*;

fn cell(sheet: Option<&str>, row: u32, col: u32) -> Expr {
    Expr::Ref(CellRef {
        sheet: sheet.map(str::to_owned),
        row,
        col,
    })
}

#[test]
fn references_and_names() {
    assert_eq!(
        parse_cell_ref("'Values'!$F$6"),
        Some(CellRef {
            sheet: Some("Values".into()),
            row: 5,
            col: 5
        })
    );
    assert_eq!(
        parse_cell_ref("Valores!AB10").map(|r| (r.row, r.col)),
        Some((9, 27))
    );
    assert_eq!(parse_cell_ref("PV"), None);
    assert_eq!(parse_cell_ref("F0"), None);
    assert_eq!(cell_name(5, 27), "AB6");
    assert_eq!(column_name(25), "Z");
    assert_eq!(column_name(26), "AA");
    assert_eq!(column_name(16_383), "XFD");
}

#[test]
fn the_tools_formulas() {
    assert_eq!(
        parse("=H8-G8+I8*E8"),
        Ok(Expr::Binary(
            BinOp::Add,
            Box::new(Expr::Binary(
                BinOp::Sub,
                Box::new(cell(None, 7, 7)),
                Box::new(cell(None, 7, 6))
            )),
            Box::new(Expr::Binary(
                BinOp::Mul,
                Box::new(cell(None, 7, 8)),
                Box::new(cell(None, 7, 4))
            ))
        ))
    );
    let d = parse("$F$8/SUMPRODUCT($C$8:$C$17,D8:D17)").expect("d");
    let args = d.find_call("SUMPRODUCT").expect("sumproduct");
    assert_eq!(args.len(), 2);
    let Expr::Range(r) = &args[0] else {
        panic!("SUMPRODUCT's first argument is a range");
    };
    assert_eq!((r.column(), r.first.0, r.last.0), (Some(2), 7, 16));
    let pv = parse("PV(0.12;20;-'Values'!B8)").expect("pv");
    assert_eq!(pv.find_call("PV").map(<[Expr]>::len), Some(3));
    let terms = parse("H8-G8+I8*E8").expect("target");
    let signs: Vec<f64> = terms.terms().iter().map(|(s, _)| *s).collect();
    assert_eq!(signs, vec![1.0, -1.0, 1.0]);
    assert_eq!(parse("-(B8+1)*2%").map(|e| e.terms().len()), Ok(1));
}

#[test]
fn libreoffice_syntax() {
    assert_eq!(odf_to_excel("=[.B8]*[$Values.F6]"), "=B8*Values!F6");
    assert_eq!(
        odf_to_excel("=[.F5]/SUMPRODUCT([.$C$5:.$C$14];[.D5:.D14])"),
        "=F5/SUMPRODUCT($C$5:$C$14;D5:D14)"
    );
    assert_eq!(
        odf_to_excel("=['Census data'.B2]&\"[.x]\""),
        "='Census data'!B2&\"[.x]\""
    );
    assert!(parse("of:=[.H5]+[.G5]+[.I5]*[.E5]").is_ok());
    assert!(parse("of:=PV(0.12;20;-[.B5])").is_ok());
}

#[test]
fn limits() {
    let long = format!("={}", "1+".repeat(5000));
    assert!(matches!(parse(&long), Err(FormulaError::TooLong { .. })));
    let deep = format!("={}1{}", "(".repeat(65), ")".repeat(65));
    assert_eq!(parse(&deep), Err(FormulaError::TooDeep));
    let fine = format!("={}1{}", "(".repeat(64), ")".repeat(64));
    assert_eq!(parse(&fine), Ok(Expr::Number(1.0)));
    let unary = format!("={}3370", "-".repeat(8000));
    assert_eq!(parse(&unary), Ok(Expr::Number(3370.0)));
    let odd = format!("={}3370", "-".repeat(7999));
    assert_eq!(parse(&odd), Ok(Expr::Neg(Box::new(Expr::Number(3370.0)))));
    let nested_calls = format!("={}1{}", "ABS(".repeat(70), ")".repeat(70));
    assert_eq!(parse(&nested_calls), Err(FormulaError::TooDeep));
    assert!(matches!(parse("=1+"), Err(FormulaError::Syntax { .. })));
    assert!(matches!(parse("=(1"), Err(FormulaError::Syntax { .. })));
    assert!(matches!(parse("=\"open"), Err(FormulaError::Syntax { .. })));
}

#[test]
fn other_syntax() {
    let whole_column = parse("=SUM(A:A)");
    let Ok(Expr::Call(_, ref a)) = whole_column else {
        panic!("SUM of a whole column parses: {whole_column:?}");
    };
    assert!(matches!(&a[0], Expr::Range(r) if r.last.0 == u32::MAX));
    assert!(matches!(parse("=IF(A1>=2,\"yes\",#N/A)"), Ok(Expr::Call(ref n, _)) if n == "IF"));
    assert!(matches!(parse("=_xlfn.STDEV.S(A1:A3)"), Ok(Expr::Call(ref n, _)) if n == "STDEV.S"));
    assert!(matches!(parse("=TRUE"), Ok(Expr::Bool(true))));
    assert!(parse("='Census data'!B2:'Census data'!B9").is_ok());
    assert!(parse("=1.5E-3*A1").is_ok());
    assert!(parse("=SUM(3:5)").is_ok());
    assert_eq!(
        parse("=Cost/2"),
        Ok(Expr::Binary(
            BinOp::Div,
            Box::new(Expr::Name("Cost".into())),
            Box::new(Expr::Number(2.0))
        ))
    );
}
