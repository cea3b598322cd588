//! Reading headers and labels by meaning: the words of a header, ignoring case, accents,
//! punctuation, units in brackets and small words, are scored against each column's
//! vocabulary ([`crate::schema`]); the best assignment over a whole header row (no column used
//! twice) is then chosen by the Hungarian method.

use crate::schema::Column;

/// Words that carry no meaning in a header: articles and prepositions.
const SMALL_WORDS: [&str; 33] = [
    "of", "the", "a", "an", "in", "for", "to", "by", "and", "or", "at", "on", "with", "from",
    "its", "de", "del", "la", "el", "los", "las", "en", "por", "para", "y", "e", "un", "una", "al",
    "con", "su", "sus", "o",
];

/// Text reduced for comparing names: lower case, no accents, no bracketed parts,
/// punctuation as spaces, single spaces. "Unit value (vi)" → "unit value".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c => push_plain(&mut out, c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case without accents; anything but letters and digits becomes a space.
fn push_plain(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            ' '
        });
        return;
    }
    let plain = match c {
        'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        c if c.is_alphanumeric() => c,
        _ => ' ',
    };
    out.extend(plain.to_lowercase());
}

/// A header or label read for matching.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    /// Meaningful words, stemmed.
    pub words: Vec<String>,
    /// Letters and digits of the whole text, brackets included ("v(i)" → "vi"), to recognise
    /// a header that is just the note's symbol.
    pub compact: String,
    /// Words in brackets that are a symbol ("Households (H)" → "h").
    pub bracket_symbol: Option<String>,
    /// The [`word_keys`] of `words`: a wording that shares none of them cannot match.
    pub keys: u64,
}

/// The words of a header.
pub fn header(text: &str) -> Header {
    let lower = text.to_lowercase();
    // Common shorthands, before punctuation is dropped.
    let expanded = if lower.contains(['/', '.', '_']) {
        lower
            .replace("w/o", " without ")
            .replace("s/", " sin ")
            .replace("p.c.", " per capita ")
            .replace("p/c", " per capita ")
            .replace('_', "")
    } else {
        lower
    };
    let mut compact = String::new();
    for c in expanded.chars() {
        push_plain(&mut compact, c);
    }
    let compact: String = compact.chars().filter(|c| !c.is_whitespace()).collect();
    let bracket_symbol = bracketed(&expanded).and_then(|inside| {
        let mut plain = String::new();
        inside.chars().for_each(|c| push_plain(&mut plain, c));
        let plain: String = plain.chars().filter(|c| !c.is_whitespace()).collect();
        (!plain.is_empty() && plain.len() <= 2 && plain.chars().all(char::is_alphabetic))
            .then_some(plain)
    });
    let words = normalize(&expanded)
        .split(' ')
        .filter(|w| !w.is_empty())
        .filter(|w| !SMALL_WORDS.contains(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(stem)
        .collect::<Vec<_>>();
    Header {
        keys: word_keys(&words),
        words,
        compact,
        bracket_symbol,
    }
}

/// A set of bits, one for the first three bytes of each word (the whole word when shorter):
/// two words that [`word_match`] relates always begin with the same three bytes (or are
/// equal), so they always share a bit, and a header whose bits meet none of a wording's
/// scores 0 against it without comparing words.
fn word_keys(words: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    words.iter().fold(0, |keys, word| {
        let mut hasher = rustc_hash::FxHasher::default();
        word.as_bytes()[..word.len().min(3)].hash(&mut hasher);
        keys | 1 << (hasher.finish() % 64)
    })
}

/// The text inside the last pair of brackets, if any.
fn bracketed(text: &str) -> Option<&str> {
    let open = text.rfind(['(', '['])?;
    let close = text[open..].find([')', ']'])? + open;
    Some(&text[open + 1..close])
}

/// A word without its plural ending, so that "targets" is "target" and "valores" is "valor".
fn stem(word: &str) -> String {
    let n = word.len();
    if n > 4
        && word.ends_with("es")
        && word[..n - 2].ends_with(['r', 'n', 'l', 'd'])
        && !word.ends_with("ines")
    {
        return word[..n - 2].to_owned();
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..n - 1].to_owned();
    }
    word.to_owned()
}

/// How well header word `h` stands for vocabulary word `v`: 1 when they are the same word, a
/// little less for an inflection, less for an abbreviation ("pop." for "population"), 0 when
/// unrelated.
fn word_match(h: &str, v: &str) -> f64 {
    if h == v {
        return 1.0;
    }
    let (short, long) = if h.len() <= v.len() { (h, v) } else { (v, h) };
    if short.len() >= 3 && long.starts_with(short) {
        let extra = long.len() - short.len();
        if extra <= 2 {
            return 0.95;
        }
        if short == h {
            return 0.75;
        }
    }
    let common = h.chars().zip(v.chars()).take_while(|(a, b)| a == b).count();
    if common >= 6 && common * 4 >= short.chars().count() * 3 {
        return 0.7;
    }
    0.0
}

/// How well a header matches one wording: twice the words matched over the words of both
/// (Dice), each header word used once.
fn phrase_score(header: &[String], phrase: &[String]) -> f64 {
    if header.is_empty() || phrase.is_empty() {
        return 0.0;
    }
    // Which header words are taken: on the stack for any real header.
    let mut small = [false; 16];
    let mut large = Vec::new();
    let used: &mut [bool] = if header.len() <= small.len() {
        &mut small[..header.len()]
    } else {
        large.resize(header.len(), false);
        &mut large
    };
    let mut matched = 0.0;
    for v in phrase {
        let best = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, h)| (i, word_match(h, v)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, score)) = best.filter(|(_, s)| *s > 0.0) {
            used[i] = true;
            matched += score;
        }
    }
    2.0 * matched / (header.len() + phrase.len()) as f64
}

/// The wordings of a column, each already split into words: its titles and vocabulary.
#[derive(Clone, Debug)]
pub struct Vocabulary<C> {
    pub column: C,
    /// Each wording's words, with their [`word_keys`].
    phrases: Vec<(Vec<String>, u64)>,
    /// All the wordings' keys together.
    keys: u64,
    symbol: Option<&'static str>,
}

impl<C: Column> Vocabulary<C> {
    /// The wordings of every column of a table, split into words once for the life of the
    /// program (each import asks for them several times).
    pub fn of_all() -> &'static [Self] {
        use std::any::{Any, TypeId};
        type Built = Vec<(TypeId, &'static (dyn Any + Send + Sync))>;
        static BUILT: std::sync::Mutex<Built> = std::sync::Mutex::new(Vec::new());
        let mut built = BUILT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let known = built
            .iter()
            .find(|(table, _)| *table == TypeId::of::<C>())
            .and_then(|(_, all)| all.downcast_ref::<Vec<Self>>());
        if let Some(all) = known {
            return all;
        }
        let all: &'static Vec<Self> = Box::leak(Box::new(Self::build_all()));
        built.push((TypeId::of::<C>(), all));
        all
    }

    fn build_all() -> Vec<Self> {
        C::iter()
            .map(|column| {
                let title = column.title();
                let phrases: Vec<(Vec<String>, u64)> = [title.en, title.es]
                    .into_iter()
                    .chain(column.vocabulary().iter().copied())
                    .map(header)
                    .filter(|h| !h.words.is_empty())
                    .map(|h| (h.words, h.keys))
                    .collect();
                Self {
                    column,
                    keys: phrases.iter().fold(0, |keys, (_, k)| keys | k),
                    phrases,
                    symbol: column.symbol(),
                }
            })
            .collect()
    }

    /// How well `header` names this column, from 0 to 1.
    pub fn score(&self, header: &Header) -> f64 {
        let words = if self.keys & header.keys == 0 {
            0.0
        } else {
            self.phrases
                .iter()
                .filter(|(_, keys)| keys & header.keys != 0)
                .map(|(p, _)| phrase_score(&header.words, p))
                .fold(0.0, f64::max)
        };
        let symbol = self.symbol.map_or(0.0, |symbol| {
            if header.compact == symbol {
                0.9
            } else if header.bracket_symbol.as_deref() == Some(symbol) {
                0.55
            } else {
                0.0
            }
        });
        // A symbol in brackets confirms the words ("Households (H)").
        if symbol > 0.0 && words >= 0.5 {
            (words + 0.1).min(1.0)
        } else {
            words.max(symbol)
        }
    }
}

/// The assignment of rows to columns that maximises the total score, each row and column used
/// at most once (Hungarian method, O(n³)); scores below `threshold` count as nothing. Returns,
/// for each row, its column.
pub fn best_assignment(scores: &[Vec<f64>], threshold: f64) -> Vec<Option<usize>> {
    let rows = scores.len();
    let cols = scores.iter().map(Vec::len).max().unwrap_or(0);
    let n = rows.max(cols);
    if n == 0 {
        return Vec::new();
    }
    let cost = |r: usize, c: usize| -> f64 {
        let s = scores
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(0.0);
        if s >= threshold { -s } else { 0.0 }
    };
    // Potentials and matching, 1-based as in the classic formulation.
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let current = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if current < minv[j] {
                        minv[j] = current;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut assignment = vec![None; rows];
    for (j, &i) in p.iter().enumerate().skip(1) {
        if i >= 1 && i <= rows && j <= cols && cost(i - 1, j - 1) < 0.0 {
            assignment[i - 1] = Some(j - 1);
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{TargetsColumn, ValuesColumn};

    fn best<C: Column>(text: &str) -> (C, f64) {
        let h = header(text);
        Vocabulary::<C>::of_all()
            .iter()
            .map(|v| (v.column, v.score(&h)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("columns")
    }

    #[test]
    fn words_of_a_header() {
        assert_eq!(
            header("Valor unitario (vi)").words,
            vec!["valor", "unitario"]
        );
        assert_eq!(
            header("Value (20 yrs, 12% discount rate)").words,
            vec!["value"]
        );
        assert_eq!(header("Línea de Base").words, vec!["linea", "base"]);
        assert_eq!(
            header("Number of DALYs (WHO 2004)").words,
            vec!["number", "daly"]
        );
        assert_eq!(header("v(i)").compact, "vi");
        assert_eq!(
            header("Population (N)").bracket_symbol.as_deref(),
            Some("n")
        );
        assert_eq!(
            header("Indicadores de pago").words,
            vec!["indicador", "pago"]
        );
        assert_eq!(normalize("  Value (20 yrs, 12% discount rate) "), "value");
        assert_eq!(normalize("AÑOS"), "anos");
    }

    #[test]
    fn the_appendix_wordings_and_their_variants() {
        use TargetsColumn::*;
        let cases: [(&str, TargetsColumn); 28] = [
            ("Indicator", Indicator),
            ("Unit Value (vi)", UnitValue),
            ("Value (20 yrs, 12% discount rate)", PresentValue),
            ("Number of individuals in the catchment area", Population),
            ("Length of the program (years)", ProgramYears),
            ("Total cost of the program", TotalCost),
            ("d", MinimumImpact),
            ("Baseline level", Baseline),
            ("Annual change", AnnualChange),
            ("Estimated target", ModelTarget),
            ("Payment indicators", Indicator),
            ("v(i)", UnitValue),
            ("NPV of vi", PresentValue),
            ("Individuals reached (N)", Population),
            ("Years of program", ProgramYears),
            ("Program cost, total (US$)", TotalCost),
            ("Min. common impact", MinimumImpact),
            ("Baseline (%)", Baseline),
            ("Yearly change w/o program", AnnualChange),
            ("Targets estimated", ModelTarget),
            (
                "Valor presente (20 años, tasa de descuento 12%)",
                PresentValue,
            ),
            ("Número de individuos en el área de influencia", Population),
            ("Línea base (%)", Baseline),
            ("Cambio anual sin programa", AnnualChange),
            ("Metas estimadas", ModelTarget),
            ("Costo del programa, total (US$)", TotalCost),
            ("Impacto mín. común", MinimumImpact),
            ("Individuos beneficiados (N)", Population),
        ];
        for (text, expected) in cases {
            let (found, score) = best::<TargetsColumn>(text);
            assert_eq!(found, expected, "{text}: {score}");
            assert!(score >= 0.5, "{text}: {score}");
        }
        let values: [(&str, ValuesColumn); 6] = [
            ("Number of DALYs (WHO 2004)", ValuesColumn::Dalys),
            (
                "Total population in age-gender group",
                ValuesColumn::Population,
            ),
            ("Grupo de edad y sexo", ValuesColumn::Group),
            ("Número de AVAD (OMS 2004)", ValuesColumn::Dalys),
            ("Condición de salud", ValuesColumn::Condition),
            ("Value per unit", ValuesColumn::UnitValue),
        ];
        for (text, expected) in values {
            let (found, score) = best::<ValuesColumn>(text);
            assert_eq!(found, expected, "{text}: {score}");
        }
    }

    proptest::proptest! {
        /// Skipping wordings by their keys never changes a score: words that match share a key.
        #[test]
        fn related_words_share_a_key(
            a in "[a-zñá]{1,9}",
            b in "[a-zñá]{1,9}",
            cut in 0usize..9,
        ) {
            // b also as a prefix and as an extension of a, so that matches are common.
            let prefix: String = a.chars().take(cut.max(1)).collect();
            let keys = |word: &String| word_keys(std::slice::from_ref(word));
            for v in [b.clone(), prefix, format!("{a}{b}")] {
                if word_match(&a, &v) > 0.0 {
                    proptest::prop_assert!(keys(&a) & keys(&v) != 0, "{a} / {v}");
                }
            }
        }
    }

    #[test]
    fn the_best_assignment_uses_each_column_once() {
        // "Value" alone scores well for both unit and present value; "Unit value" only for
        // unit value: the assignment gives each its own.
        let scores = vec![vec![0.67, 1.0], vec![1.0, 0.67]];
        assert_eq!(best_assignment(&scores, 0.5), vec![Some(1), Some(0)]);
        let scores = vec![vec![0.9, 0.8], vec![0.85, 0.1], vec![0.2, 0.3]];
        assert_eq!(best_assignment(&scores, 0.5), vec![Some(1), Some(0), None]);
        assert_eq!(best_assignment(&[vec![0.4]], 0.5), vec![None]);
        assert_eq!(best_assignment(&[], 0.5), Vec::<Option<usize>>::new());
    }
}
