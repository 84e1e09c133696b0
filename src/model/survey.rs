//! What internal-customer surveys said about the handoffs: the waves, and for
//! each handoff every normalized answer each wave gave it. A handoff's
//! quality is derived from these once, when the org is loaded
//! ([`Evidence::resolve`]), so every figure uses it.

/// One wave of `surveys:`, in the order listed (oldest first).
#[derive(Debug, Clone, PartialEq)]
pub struct Wave {
    /// The label reports show (`2026-Q3`).
    pub label: String,
    /// The file, as the org file names it.
    pub file: String,
    /// Fewer answers than this and the wave neither sets a quality nor shows a mean.
    pub min_responses: usize,
}

/// Where a handoff's quality comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualitySource {
    /// The mean of a wave's answers; the wave's index in [`super::Org::surveys`].
    Survey(usize),
    /// The org file's `quality:`.
    File,
}

/// A handoff's survey answers, per wave, and the quality the file gave it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// The org file's `quality:`, kept when a survey overrides it.
    pub file_quality: Option<f64>,
    /// For each wave (aligned with [`super::Org::surveys`]), the answers on 0..1.
    pub answers: Vec<Vec<f64>>,
    /// Where the handoff's quality came from; `None`: unrated.
    pub source: Option<QualitySource>,
}

/// The mean and (sample) standard deviation of some answers, when there are
/// enough of them to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub responses: usize,
    pub mean: f64,
    /// `None` for a single answer.
    pub sd: Option<f64>,
}

impl Stats {
    /// The stats of `answers`, or `None` if there are fewer than `min`
    /// (privacy: a mean of one or two answers identifies who gave them).
    pub fn of(answers: &[f64], min: usize) -> Option<Stats> {
        let n = answers.len();
        if n == 0 || n < min {
            return None;
        }
        let mean = answers.iter().sum::<f64>() / n as f64;
        let sd = (n > 1).then(|| {
            let var = answers.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
            var.sqrt()
        });
        Some(Stats { responses: n, mean, sd })
    }
}

impl Evidence {
    /// The quality the evidence gives: the mean of the latest wave with at
    /// least its `min_responses` answers, else the file's, else none. Sets
    /// [`Evidence::source`].
    pub fn resolve(&mut self, waves: &[Wave]) -> Option<f64> {
        for (i, wave) in waves.iter().enumerate().rev() {
            if let Some(s) = self.answers.get(i).and_then(|a| Stats::of(a, wave.min_responses)) {
                self.source = Some(QualitySource::Survey(i));
                return Some(s.mean);
            }
        }
        self.source = self.file_quality.map(|_| QualitySource::File);
        self.file_quality
    }

    /// The answers wave `i` gave (none if it gave none).
    pub fn wave(&self, i: usize) -> &[f64] {
        self.answers.get(i).map_or(&[], Vec::as_slice)
    }

    /// The stats of wave `i`, if it has enough answers to show.
    pub fn stats(&self, waves: &[Wave], i: usize) -> Option<Stats> {
        Stats::of(self.wave(i), waves.get(i)?.min_responses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waves(mins: &[usize]) -> Vec<Wave> {
        mins.iter()
            .enumerate()
            .map(|(i, &m)| Wave { label: format!("w{i}"), file: String::new(), min_responses: m })
            .collect()
    }

    #[test]
    fn the_latest_wave_with_enough_answers_wins_else_the_file() {
        let w = waves(&[2, 3]);
        let mut e = Evidence { file_quality: Some(0.9), answers: vec![vec![0.5, 0.7], vec![1.0, 1.0]], source: None };
        // The latest wave has two answers, below its minimum of 3: the older wave sets it.
        assert!((e.resolve(&w).unwrap_or(0.0) - 0.6).abs() < 1e-12);
        assert_eq!(e.source, Some(QualitySource::Survey(0)));
        e.answers[0].pop();
        assert_eq!(e.resolve(&w), Some(0.9));
        assert_eq!(e.source, Some(QualitySource::File));
        e.file_quality = None;
        assert_eq!(e.resolve(&w), None);
        assert_eq!(e.source, None);
    }

    #[test]
    fn no_mean_below_the_minimum() {
        assert_eq!(Stats::of(&[0.5, 0.5], 3), None);
        let s = Stats::of(&[0.0, 1.0], 1);
        assert_eq!(s.map(|s| s.responses), Some(2));
        assert!((s.and_then(|s| s.sd).unwrap_or(0.0) - 0.5f64.sqrt()).abs() < 1e-12);
    }
}
