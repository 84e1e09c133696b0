//! Survey scales: what an answer may be and how it maps onto 0..1. Numbers
//! map linearly (`(score − min) / (max − min)`); word scales (`agree-5`,
//! `satisfied-5`, custom `words:`) give each word a score first. Some
//! answers are no answer at all: blank, "N/A", "NA", "-", "Don't know".

/// An answer scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// As the org file names it, for messages (`1-5`, `agree-5`, `0-10`).
    pub name: String,
    pub min: f64,
    pub max: f64,
    /// Words and their scores, lowercase.
    pub words: Vec<(String, f64)>,
    /// Whether `85%` is read as 85.
    pub percent: bool,
}

/// The named scales, for messages and suggestions.
pub const NAMES: [&str; 7] = ["1-5", "1-7", "0-10", "0-100", "percent", "agree-5", "satisfied-5"];

const AGREE: [&str; 5] = ["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"];
const SATISFIED: [&str; 5] =
    ["very dissatisfied", "dissatisfied", "neither satisfied nor dissatisfied", "satisfied", "very satisfied"];

/// Answers that mean "no answer".
const NO_ANSWER: [&str; 7] = ["n/a", "na", "-", "don't know", "don\u{2019}t know", "dont know", "n.a."];

impl Default for Scale {
    fn default() -> Self {
        Scale::numeric("1-5", 1.0, 5.0)
    }
}

impl Scale {
    fn numeric(name: &str, min: f64, max: f64) -> Self {
        Scale { name: name.to_owned(), min, max, words: Vec::new(), percent: false }
    }

    fn worded(name: &str, words: [&str; 5]) -> Self {
        let words = words.iter().zip(1..).map(|(w, s)| ((*w).to_owned(), f64::from(s))).collect();
        Scale { words, ..Scale::numeric(name, 1.0, 5.0) }
    }

    /// A named scale: one of [`NAMES`], or `A-B` for any numbers A < B.
    pub fn named(name: &str) -> Option<Scale> {
        let lower = name.trim().to_ascii_lowercase();
        let mut scale = match lower.as_str() {
            "agree-5" => Scale::worded("agree-5", AGREE),
            "satisfied-5" => Scale::worded("satisfied-5", SATISFIED),
            "percent" => Scale::numeric("percent", 0.0, 100.0),
            other => {
                let (a, b) = other.split_once('-')?;
                let (min, max) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
                if !(min.is_finite() && max.is_finite() && min < max) {
                    return None;
                }
                Scale::numeric(other, min, max)
            }
        };
        scale.percent = scale.min == 0.0 && scale.max == 100.0;
        if let Some(neutral) = scale.words.get(2).map(|w| w.1) {
            scale.words.push(("neutral".to_owned(), neutral));
        }
        Some(scale)
    }

    /// A custom scale; `Err` says what is wrong with it.
    pub fn custom(min: f64, max: f64, words: Vec<(String, f64)>) -> Result<Scale, String> {
        if !(min.is_finite() && max.is_finite() && min < max) {
            return Err(format!("the scale's min ({min}) must be below its max ({max})"));
        }
        if let Some((w, s)) = words.iter().find(|(_, s)| !(min..=max).contains(s)) {
            return Err(format!("the word {w:?} stands for {s}, outside the scale {min}..{max}"));
        }
        let words = words.into_iter().map(|(w, s)| (w.trim().to_lowercase(), s)).collect();
        Ok(Scale { name: format!("{min}-{max}"), min, max, words, percent: false })
    }

    /// An answer on 0..1; `Ok(None)` for no answer; `Err` says why the
    /// answer is not on the scale.
    pub fn score(&self, answer: &str) -> Result<Option<f64>, String> {
        let a = answer.trim();
        let lower = a.to_lowercase();
        if a.is_empty() || NO_ANSWER.contains(&lower.as_str()) {
            return Ok(None);
        }
        if let Some((_, s)) = self.words.iter().find(|(w, _)| *w == lower) {
            return Ok(Some(self.normalize(*s)));
        }
        let number = if self.percent { a.strip_suffix('%').unwrap_or(a).trim() } else { a };
        match number.replace(',', ".").parse::<f64>() {
            Ok(n) if n.is_finite() && (self.min..=self.max).contains(&n) => Ok(Some(self.normalize(n))),
            Ok(n) if n.is_finite() => Err(format!("{a} is off the {} scale ({} to {})", self.name, self.min, self.max)),
            _ if self.words.is_empty() => {
                Err(format!("{a:?} is not a score on the {} scale ({} to {})", self.name, self.min, self.max))
            }
            _ => {
                let words: Vec<&str> = self.words.iter().map(|(w, _)| w.as_str()).filter(|w| *w != "neutral").collect();
                let hint = crate::suggest::did_you_mean(&lower, words.iter().copied())
                    .unwrap_or_else(|| format!("the words are: {}", words.join(", ")));
                Err(format!("{a:?} is not a word of the {} scale; {hint}", self.name))
            }
        }
    }

    fn normalize(&self, n: f64) -> f64 {
        (n - self.min) / (self.max - self.min)
    }

    /// The scale as a questionnaire shows it: `1 (worst) to 5 (best)` or its words.
    pub fn describe(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|(w, _)| w.as_str()).filter(|w| *w != "neutral").collect();
        if words.is_empty() { format!("{} (worst) to {} (best)", self.min, self.max) } else { words.join(" / ") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &Scale, a: &str) -> Option<f64> {
        s.score(a).unwrap_or_else(|e| panic!("{a}: {e}"))
    }

    #[test]
    fn every_named_scale_maps_linearly_onto_zero_to_one() {
        let cases = [("1-5", "4", 0.75), ("1-7", "7", 1.0), ("0-10", "3", 0.3), ("0-100", "85", 0.85)];
        for (name, answer, want) in cases {
            let s = Scale::named(name).unwrap_or_default();
            assert!((ok(&s, answer).unwrap_or(-1.0) - want).abs() < 1e-12, "{name} {answer}");
        }
        let p = Scale::named("percent").unwrap_or_default();
        assert_eq!(ok(&p, "85%"), Some(0.85));
        assert_eq!(ok(&p, "100"), Some(1.0));
    }

    #[test]
    fn word_scales_read_words_in_any_case_and_numbers() {
        let agree = Scale::named("agree-5").unwrap_or_default();
        assert_eq!(ok(&agree, "Strongly Agree"), Some(1.0));
        assert_eq!(ok(&agree, "disagree"), Some(0.25));
        assert_eq!(ok(&agree, "Neutral"), Some(0.5));
        assert_eq!(ok(&agree, "2"), Some(0.25));
        let sat = Scale::named("satisfied-5").unwrap_or_default();
        assert_eq!(ok(&sat, "VERY DISSATISFIED"), Some(0.0));
        let e = agree.score("strongly agre").err().unwrap_or_default();
        assert!(e.contains("did you mean \"strongly agree\""), "{e}");
    }

    #[test]
    fn custom_scales_take_their_words() {
        let s = Scale::custom(0.0, 2.0, vec![("No".into(), 0.0), ("Partly".into(), 1.0), ("Yes".into(), 2.0)]);
        let s = s.unwrap_or_default();
        assert_eq!(ok(&s, "partly"), Some(0.5));
        assert!(Scale::custom(2.0, 1.0, vec![]).is_err());
        assert!(Scale::custom(0.0, 1.0, vec![("x".into(), 3.0)]).is_err());
    }

    #[test]
    fn no_answer_words_are_no_answer_and_off_scale_scores_are_errors() {
        let s = Scale::default();
        for a in ["", " ", "N/A", "na", "n/a", "-", "Don't know", "don\u{2019}t know"] {
            assert_eq!(ok(&s, a), None, "{a:?}");
        }
        assert!(s.score("6").is_err_and(|e| e.contains("off the 1-5 scale")));
        assert!(s.score("0").is_err());
        assert!(s.score("good").is_err_and(|e| e.contains("not a score")));
        assert!(s.score("NaN").is_err());
    }
}
