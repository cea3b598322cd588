#!/usr/bin/env python3
"""Writes the workbooks the import tests read, by a route independent of rbf-targets.

Each workbook is laid out as Appendix 2 of IDB-TN-983 describes the IDB target-setting tool:
a "Values" sheet (DALYs and population per condition and age-sex group, GNI per capita, the
unit value of each condition), a "Targets" sheet with columns A-J (indicator, unit value,
present value, N, program length, total cost, d, baseline, annual change, estimated target),
"Census data" and "Copyright". The variants are copies of it as negotiators bring them:
translated, shortened, shifted, with heading, blank, total and note rows, percentages typed as
text, filled-down (shared) formulas as Excel writes them, an input missing, and hostile
formulas.

openpyxl writes the formulas without results (as libraries do). LibreOffice, when installed,
then opens some of them, recalculates, and saves them as .xlsx, .xls and .ods: those files carry
LibreOffice's own results, and the d it computed is recorded next to the one computed here.

Every figure the tests expect is computed here, in Python, from the inputs written, and saved
beside each workbook as NAME.expected.json. Run from anywhere:

    pip install openpyxl && python3 tests/data/workbooks/make_workbooks.py
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

# The El Salvador case of the note (Table 1), with the illustrative Values of the project's
# sample (README, "The El Salvador sample").
GNI = 3370.0
COST = 9_750_000.0
YEARS = 3.0
RATE = 0.12
HORIZON = 20
CONDITIONS = [
    # (English name, Spanish name, group, DALYs, population)
    ("Maternal conditions", "Condiciones maternas", "Women 15-59", 31_875.0, 1_850_000.0),
    ("Perinatal conditions", "Condiciones perinatales", "Children 0-14", 60_000.0, 1_900_000.0),
    ("Nutritional deficiencies", "Deficiencias nutricionales", "Children 0-14", 77_300.0, 1_900_000.0),
]
# (English name, Spanish name, condition index, N, baseline, annual change, lower is better)
INDICATORS = [
    ("Modern contraceptive prevalence rate (mcpr)", "Tasa de prevalencia de anticonceptivos modernos", 0, 59_819.0, 0.42, 0.01, False),
    ("Antenatal care before first trimester", "Control prenatal antes del primer trimestre", 1, 5_362.0, 0.85, 0.03, False),
    ("Minimum of four antenatal care visits", "Mínimo de cuatro controles prenatales", 1, 5_362.0, 0.49, 0.01, False),
    ("Postnatal care within seven days of delivery", "Control posnatal dentro de los siete días del parto", 0, 5_362.0, 0.75, 0.01, False),
    ("Prevalence of anemia in children aged 6-23 months", "Prevalencia de anemia en niños de 6 a 23 meses", 2, 8_042.0, 0.43, -0.007, True),
    ("MMR vaccination in children aged 12-59 months", "Vacunación SRP en niños de 12 a 59 meses", 2, 21_446.0, 0.89, 0.01, False),
    ("Parasite treatment in children aged 12-59 months", "Desparasitación en niños de 12 a 59 meses", 2, 21_446.0, 0.39, 0.01, False),
    ("Mothers who gave ORS and zinc in the last diarrhea episode", "Madres que dieron SRO y zinc en el último episodio de diarrea", 2, 26_808.0, 0.07, 0.01, False),
    ("Prevalence of exclusive breastfeeding", "Prevalencia de lactancia materna exclusiva", 2, 2_681.0, 0.55, 0.01, False),
    ("Skilled attendance at birth in an institutional setting", "Parto institucional atendido por personal calificado", 1, 5_362.0, 0.82, 0.01, False),
]

# Header wordings. "appendix": as Appendix 2 words each column; "field": shortened, reordered
# and abbreviated as a copy edited in the field might hold them.
TARGET_HEADERS = {
    ("en", "appendix"): [
        "Indicator", "Unit Value (vi)", "Value (20 yrs, 12% discount rate)",
        "Number of individuals in the catchment area", "Length of the program (years)",
        "Total cost of the program", "d", "Baseline level", "Annual change",
        "Estimated target",
    ],
    ("es", "appendix"): [
        "Indicador", "Valor unitario (vi)", "Valor presente (20 años, tasa de descuento 12%)",
        "Número de individuos en el área de influencia", "Duración del programa (años)",
        "Costo total del programa", "d", "Línea de base", "Cambio anual", "Meta estimada",
    ],
    ("en", "field"): [
        "Payment indicators", "v(i)", "NPV of vi", "Individuals reached (N)",
        "Years of program", "Program cost, total (US$)", "Min. common impact",
        "Baseline (%)", "Yearly change w/o program", "Targets estimated",
    ],
    ("es", "field"): [
        "Indicadores de pago", "Valor unit. (vi)", "VPN de vi", "Individuos beneficiados (N)",
        "Años de programa", "Costo del programa, total (US$)", "Impacto mín. común",
        "Línea base (%)", "Cambio anual sin programa", "Metas estimadas",
    ],
}
VALUE_HEADERS = {
    ("en", "appendix"): [
        "Condition", "Age-gender group", "Number of DALYs (WHO 2004)",
        "Total population in age-gender group", "DALYs per capita", "Unit Value (vi)",
    ],
    ("es", "appendix"): [
        "Condición", "Grupo de edad y sexo", "Número de AVAD (OMS 2004)",
        "Población total del grupo de edad y sexo", "AVAD per cápita", "Valor unitario (vi)",
    ],
    ("en", "field"): [
        "Health condition", "Age/sex group", "DALYs", "Pop. of group", "DALYs p.c.",
        "Value per unit",
    ],
    ("es", "field"): [
        "Condición de salud", "Grupo edad/sexo", "AVAD", "Pobl. del grupo", "AVAD p.c.",
        "Valor por unidad",
    ],
}
SHEETS = {
    "en": ("Values", "Targets", "Census data", "Copyright"),
    "es": ("Valores", "Metas", "Datos censales", "Copyright"),
}
GNI_LABEL = {"en": "GNI per capita (US$, World Bank 2009)", "es": "INB per cápita (US$, Banco Mundial 2009)"}


def present_value_factor(rate, horizon):
    return (1 - (1 + rate) ** -horizon) / rate


def expected_figures(options):
    """Everything the import must give back, computed here from the inputs written."""
    a = present_value_factor(RATE, HORIZON)
    unit = [GNI * dalys / pop for (_, _, _, dalys, pop) in CONDITIONS]
    pv = [u * a for u in unit]
    total = sum(n * pv[j] for (_, _, j, n, _, _, _) in INDICATORS)
    d = COST / total
    spanish = options["lang"] == "es"
    indicators = []
    for (en, es, j, n, b, change, lower) in INDICATORS:
        s = -1.0 if lower else 1.0
        indicators.append({
            "name": es if spanish else en,
            "condition": (CONDITIONS[j][1] if spanish else CONDITIONS[j][0]),
            "direction": "lower" if lower else "higher",
            "population": n,
            "baseline": b,
            "annual_change": change,
            "model_target": b + YEARS * change + s * d,
        })
    missing = options.get("missing", [])
    return {
        "program": {
            "total_cost": None if "total_cost" in missing else COST,
            "program_years": YEARS,
            "gni_per_capita": None if "gni_per_capita" in missing else GNI,
            "discount_rate": RATE,
            "horizon_years": HORIZON,
        },
        "conditions": [
            {"name": (es if spanish else en), "dalys": dalys, "population": pop}
            for (en, es, _, dalys, pop) in CONDITIONS
        ],
        "indicators": indicators,
        "d": None if missing else d,
        "missing": missing,
        "skipped_rows": options.get("skipped", []),
    }


def write_values(wb, options):
    lang = options["lang"]
    ws = wb.create_sheet(SHEETS[lang][0])
    r0, c0 = options.get("values_offset", (0, 0))
    cell = lambda r, c: ws.cell(row=r0 + r + 1, column=c0 + c + 1)
    ref = lambda r, c, absolute=False: (
        ("$%s$%d" if absolute else "%s%d")
        % (openpyxl.utils.get_column_letter(c0 + c + 1), r0 + r + 1)
    )
    cell(0, 0).value = "Valor de una mejora" if lang == "es" else "Value of one improvement"
    cell(2, 0).value = GNI_LABEL[lang]
    gni = options.get("gni_formula")
    cell(2, 1).value = gni(ref(2, 1)) if gni else GNI
    headers = VALUE_HEADERS[(lang, options["wording"])]
    for k, h in enumerate(headers):
        cell(4, k).value = h
    positions = []
    for j, (en, es, group, dalys, pop) in enumerate(CONDITIONS):
        r = 5 + j
        cell(r, 0).value = es if lang == "es" else en
        cell(r, 1).value = group
        cell(r, 2).value = dalys
        cell(r, 3).value = pop
        cell(r, 4).value = "=%s/%s" % (ref(r, 2), ref(r, 3))
        cell(r, 5).value = "=%s*%s" % (ref(r, 4), ref(2, 1, True))
        positions.append(ref(r, 5, True))
    return ws.title, positions


def write_targets(wb, options, values_sheet, unit_cells):
    lang = options["lang"]
    ws = wb.create_sheet(SHEETS[lang][1])
    r0, c0 = options.get("targets_offset", (0, 0))
    col = lambda k: openpyxl.utils.get_column_letter(c0 + k + 1)
    ref = lambda r, k: "%s%d" % (col(k), r)
    put = lambda r, k, value: ws.cell(row=r, column=c0 + k + 1, value=value)
    missing = options.get("missing", [])
    title_row = r0 + 1
    ws.cell(row=title_row, column=c0 + 1,
            value="Metas del programa" if lang == "es" else "Program targets")
    header_row = r0 + 4
    headers = list(TARGET_HEADERS[(lang, options["wording"])])
    for k, h in enumerate(headers):
        if k == 5 and "total_cost" in missing:
            continue
        put(header_row, k, h)
    # The rows of the table, with the extra rows of a copy edited in the field.
    layout = []  # ("indicator", index) | ("heading", text) | ("blank",) | ("total",)
    extra = options.get("extra_rows", False)
    for i in range(len(INDICATORS)):
        if extra and i == 0:
            layout.append(("heading", "Salud materna" if lang == "es" else "Maternal and reproductive health"))
        if extra and i == 4:
            layout.append(("blank",))
            layout.append(("heading", "Salud infantil" if lang == "es" else "Child health"))
        layout.append(("indicator", i))
    if extra:
        layout.append(("total",))
        layout.append(("blank",))
        layout.append(("note", "Fuente: OMS 2004; Banco Mundial 2009." if lang == "es"
                       else "Sources: WHO (2004) burden of disease; World Bank (2009)."))
        layout.append(("note", "Nota: la meta es la línea de base más d más la tendencia." if lang == "es"
                       else "Note: each target is the baseline plus d plus the trend."))
    first = header_row + 1
    rows = {}
    r = first
    for entry in layout:
        if entry[0] == "indicator":
            rows[entry[1]] = r
        r += 1
    indicator_rows = sorted(rows.values())
    top, bottom = indicator_rows[0], indicator_rows[-1]
    rng = lambda k: "$%s$%d:$%s$%d" % (col(k), top, col(k), bottom)
    text_percent = options.get("percent_text", False)
    r = first
    for entry in layout:
        kind = entry[0]
        if kind == "heading" or kind == "note":
            put(r, 0, entry[1])
        elif kind == "total":
            put(r, 0, "Total")
            put(r, 3, "=SUM(%s)" % rng(3))
        elif kind == "indicator":
            i = entry[1]
            (en, es, j, n, b, change, lower) = INDICATORS[i]
            put(r, 0, es if lang == "es" else en)
            put(r, 1, "='%s'!%s" % (values_sheet, unit_cells[j]))
            put(r, 2, "=PV(0.12,20,-%s)" % ref(r, 1))
            put(r, 3, n)
            put(r, 4, YEARS)
            if "total_cost" not in missing:
                put(r, 5, COST if r == top else "=$%s$%d" % (col(5), top))
            cost = "$%s$%d" % (col(5), top)
            put(r, 6, "=%s/SUMPRODUCT(%s,%s)" % (cost, rng(2), rng(3)))
            if text_percent:
                variants = ["%g%%" % (b * 100), "%g %%" % (b * 100), ("%g" % b).replace(".", ",")]
                put(r, 7, variants[i % 3])
            else:
                put(r, 7, b)
            put(r, 8, change)
            sign = "-" if lower else "+"
            put(r, 9, "=%s%s%s+%s*%s" % (ref(r, 7), sign, ref(r, 6), ref(r, 8), ref(r, 4)))
        r += 1
    return ws.title


def write_census_and_copyright(wb, lang):
    census = wb.create_sheet(SHEETS[lang][2])
    census.append(["Grupo de edad" if lang == "es" else "Age group",
                   "Mujeres" if lang == "es" else "Women", "Hombres" if lang == "es" else "Men"])
    for row in [("0-4", 13_500, 13_308), ("15-49", 59_819, 0), ("50-59", 8_200, 7_900)]:
        census.append(list(row))
    notice = wb.create_sheet(SHEETS[lang][3])
    notice["A1"] = "Copyright © 2016 Inter-American Development Bank."
    notice["A2"] = "This work is licensed under a Creative Commons IGO 3.0 license."


def write_workbook(name, options):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    values_sheet, unit_cells = write_values(wb, options)
    targets_sheet = write_targets(wb, options, values_sheet, unit_cells)
    write_census_and_copyright(wb, options["lang"])
    if options.get("targets_first"):
        wb.move_sheet(targets_sheet, offset=-1)
    path = os.path.join(HERE, name + ".xlsx")
    wb.save(path)
    if options.get("shared"):
        share_formulas(path)
    expected = expected_figures(options)
    expected["file"] = name + ".xlsx"
    expected["note"] = options["note"]
    with open(path + ".expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return path, expected


def share_formulas(path):
    """Rewrites the Targets formulas of columns C, G and J as Excel writes a filled-down
    column: the first cell of each run holds the formula with t="shared" and the range it
    covers, the others only the shared index. Results are written too, as Excel does."""
    a = present_value_factor(RATE, HORIZON)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet_name = "xl/worksheets/sheet2.xml"
    xml = parts[sheet_name].decode("utf-8")
    cells = dict(re.findall(r'<c r="([A-Z]+\d+)"><f>([^<]*)</f><v\s*/>', xml))
    runs = []
    for column in "CGJ":
        current = []
        rows = sorted(int(c[1:]) for c in cells if c[0] == column)
        for row in rows:
            formula = cells["%s%d" % (column, row)]
            shape = re.sub(r"\d+", "#", formula.replace("$", ""))
            if current and current[-1][1] == shape and current[-1][0] == row - 1:
                current.append((row, shape))
            else:
                if current:
                    runs.append((column, current))
                current = [(row, shape)]
        if current:
            runs.append((column, current))
    unit = [GNI * dalys / pop for (_, _, _, dalys, pop) in CONDITIONS]
    d = COST / sum(n * unit[j] * a for (_, _, j, n, _, _, _) in INDICATORS)
    result_by_row = {}
    for i, (_, _, j, n, b, change, lower) in enumerate(INDICATORS):
        row = 5 + i  # the header is in row 4 of a table at the sheet's corner
        s = -1 if lower else 1
        result_by_row[("C", row)] = unit[j] * a
        result_by_row[("G", row)] = d
        result_by_row[("J", row)] = b + YEARS * change + s * d
    for index, (column, run) in enumerate(runs):
        first, last = run[0][0], run[-1][0]
        for k, (row, _) in enumerate(run):
            address = "%s%d" % (column, row)
            formula = cells[address]
            value = repr(result_by_row[(column, row)])
            if k == 0:
                replacement = '<c r="%s"><f t="shared" ref="%s%d:%s%d" si="%d">%s</f><v>%s</v>' % (
                    address, column, first, column, last, index, formula, value)
            else:
                replacement = '<c r="%s"><f t="shared" si="%d"/><v>%s</v>' % (address, index, value)
            xml, count = re.subn(r'<c r="%s"><f>[^<]*</f><v\s*/>' % address, replacement, xml)
            assert count == 1, address
    parts[sheet_name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def libreoffice():
    for program in ("soffice", "libreoffice"):
        found = shutil.which(program)
        if found:
            return found
    return None


def convert(source, target_name, filter_name):
    """Opens `source` in LibreOffice, recalculates and saves it as `target_name`."""
    program = libreoffice()
    if program is None:
        print("LibreOffice not found: %s not made" % target_name)
        return None
    out_dir = tempfile.mkdtemp()
    profile = tempfile.mkdtemp()
    # A throw-away profile whose settings recalculate every formula on load.
    registry = os.path.join(profile, "user", "registrymodifications.xcu")
    os.makedirs(os.path.dirname(registry))
    with open(registry, "w") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
            '</oor:items>\n')
    subprocess.run(
        [program, "-env:UserInstallation=file://" + profile, "--headless",
         "--convert-to", filter_name, "--outdir", out_dir, source],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    produced = [f for f in os.listdir(out_dir)]
    assert len(produced) == 1, produced
    target = os.path.join(HERE, target_name)
    shutil.move(os.path.join(out_dir, produced[0]), target)
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.rmtree(profile, ignore_errors=True)
    return target


def libreoffice_d(xlsx_path, options):
    """The d that LibreOffice computed and stored in a workbook it saved: the first number
    under the header of column G of the Targets table."""
    wb = openpyxl.load_workbook(xlsx_path, data_only=True)
    ws = wb[SHEETS[options["lang"]][1]]
    r0, c0 = options.get("targets_offset", (0, 0))
    for row in range(r0 + 5, ws.max_row + 1):
        value = ws.cell(row=row, column=c0 + 7).value
        if isinstance(value, (int, float)):
            return value
    return None


VARIANTS = {
    "appendix2_en": {
        "lang": "en", "wording": "appendix",
        "note": "The IDB tool as Appendix 2 words it, in English, saved without results.",
    },
    "appendix2_es": {
        "lang": "es", "wording": "appendix",
        "note": "The IDB tool as Appendix 2 words it, translated to Spanish, saved without results.",
    },
    "field_copy_en": {
        "lang": "en", "wording": "field", "targets_offset": (4, 2), "values_offset": (2, 1),
        "extra_rows": True, "percent_text": True, "targets_first": True,
        "skipped": ["heading", "blank", "heading", "total", "note", "note"],
        "note": "A copy edited in the field: shortened headers, the table at an offset, heading, "
                "blank, total and note rows, baselines typed as text (42%, 42 %, 0,42).",
    },
    "field_copy_es": {
        "lang": "es", "wording": "field", "targets_offset": (6, 1), "extra_rows": True,
        "percent_text": True,
        "skipped": ["heading", "blank", "heading", "total", "note", "note"],
        "note": "The same in Spanish.",
    },
    "shared_formulas": {
        "lang": "en", "wording": "appendix", "shared": True,
        "note": "Columns C, G and J filled down as Excel writes them: shared formulas, with results.",
    },
    "missing_cost": {
        "lang": "en", "wording": "appendix", "missing": ["total_cost"],
        "note": "The total cost column was deleted: the workbook opens with the cost marked.",
    },
    "hostile_exponential_chain": {
        "lang": "en", "wording": "appendix", "gni_chain": True,
        "note": "GNI per capita at the end of a chain of 80 cells, each referencing the one "
                "before twice (2^80 paths without memoization).",
    },
    "hostile_deep_nesting": {
        "lang": "en", "wording": "appendix", "missing": ["gni_per_capita"],
        "gni_formula": lambda here: "=" + "(" * 200_000 + "3370" + ")" * 200_000,
        "note": "GNI per capita is a formula nested 200,000 parentheses deep.",
    },
    "hostile_unary_chain": {
        "lang": "en", "wording": "appendix", "missing": ["gni_per_capita"],
        "gni_formula": lambda here: "=" + "-" * 100_000 + "3370",
        "note": "GNI per capita is 3370 behind 100,000 minus signs.",
    },
    "hostile_circular": {
        "lang": "en", "wording": "appendix", "missing": ["gni_per_capita"], "circular": True,
        "note": "GNI per capita is part of a circular reference (B3 = D3 + 1, D3 = B3 + 1).",
    },
}


def add_chain(path, options):
    """GNI per capita (Values!B3) = the last of a chain in column H: H1 = 3370,
    H(k+1) = (H(k) + H(k)) / 2."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEETS[options["lang"]][0]]
    ws["H1"] = GNI
    for k in range(2, 82):
        ws["H%d" % k] = "=(H%d+H%d)/2" % (k - 1, k - 1)
    ws["B3"] = "=H81"
    wb.save(path)


def add_cycle(path, options):
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEETS[options["lang"]][0]]
    ws["B3"] = "=D3+1"
    ws["D3"] = "=B3+1"
    wb.save(path)


def main():
    made = {}
    for name, options in VARIANTS.items():
        path, expected = write_workbook(name, options)
        if options.get("gni_chain"):
            add_chain(path, options)
        if options.get("circular"):
            add_cycle(path, options)
        made[name] = (path, expected, options)
        print("wrote", os.path.relpath(path))
    # Saved by LibreOffice: recalculated, with its own results; and as .xls and .ods.
    for name in ("appendix2_en", "appendix2_es", "field_copy_es"):
        path, expected, options = made[name]
        for extension, filter_name in (("xlsx", "xlsx:Calc MS Excel 2007 XML"),
                                       ("xls", "xls:MS Excel 97"), ("ods", "ods")):
            target_name = "%s_libreoffice.%s" % (name, extension)
            target = convert(path, target_name, filter_name)
            if target is None:
                continue
            copy = dict(expected)
            copy["file"] = target_name
            copy["note"] = options["note"] + " Opened, recalculated and saved by LibreOffice."
            if extension == "xlsx":
                copy["libreoffice_d"] = libreoffice_d(target, options)
                assert abs(copy["libreoffice_d"] - expected["d"]) < 1e-12, copy["libreoffice_d"]
            with open(target + ".expected.json", "w", encoding="utf-8") as f:
                json.dump(copy, f, indent=1, ensure_ascii=False)
                f.write("\n")
            print("wrote", os.path.relpath(target))


if __name__ == "__main__":
    main()
