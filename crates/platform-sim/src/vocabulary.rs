//! Titles and texts written the way merchants' staff write them: words of a real Chinese
//! vocabulary drawn by how often Chinese uses them (jieba's dictionary, see `build.rs`), with
//! the punctuation, emoji and `#话题` of short-video copy.

use std::sync::OnceLock;

use rand::distributions::{Distribution, WeightedIndex};
use rand::Rng;

/// `word\tfrequency` lines, most frequent first.
static VOCABULARY: &str = include_str!(concat!(env!("OUT_DIR"), "/vocabulary.tsv"));

/// The merchant's own recurring phrases: a title now and then opens with one.
pub(crate) const TITLE_HEADS: &[&str] = &[
    "今日开箱",
    "三分钟学会",
    "店员私藏",
    "周末探店",
    "一周穿搭",
    "厨房好物",
    "新品试用",
    "直播回放",
];
const EMOJI: &[&str] = &["✨", "🔥", "😍", "👍", "🎉", "💯", "🌸", "☕", "🛒", "❤️", "😂", "👀"];
const TITLE_BREAKS: &[&str] = &["|", "｜", "，", "！", " ", "·", "～", "？"];
const TEXT_BREAKS: &[&str] = &["，", "，", "，", "。", "。", "！", "？", "～", "、", "\n"];
const SHORTEST_TITLE: usize = 4;
const LONGEST_TITLE: usize = 30;
const LONGEST_TEXT: usize = 1_000;

/// Draws words by their frequency.
pub(crate) struct Writer {
    words: Vec<&'static str>,
    by_frequency: WeightedIndex<u64>,
}

/// The one writer (the vocabulary is parsed once per process).
pub(crate) fn writer() -> &'static Writer {
    static WRITER: OnceLock<Writer> = OnceLock::new();
    WRITER.get_or_init(Writer::new)
}

impl Writer {
    fn new() -> Self {
        let (words, weights): (Vec<&'static str>, Vec<u64>) = VOCABULARY
            .lines()
            .filter_map(|l| {
                let (w, f) = l.split_once('\t')?;
                Some((w, f.parse::<u64>().ok()?.max(1)))
            })
            .unzip();
        // The build script always writes a non-empty list; an empty one is a broken build.
        let by_frequency = WeightedIndex::new(&weights).unwrap_or_else(|_| {
            WeightedIndex::new([1u64]).unwrap_or_else(|_| unreachable!("one positive weight is valid"))
        });
        let words = if words.is_empty() { vec!["好物"] } else { words };
        Self { words, by_frequency }
    }

    pub(crate) fn word(&self, rng: &mut impl Rng) -> &'static str {
        self.words[self.by_frequency.sample(rng)]
    }

    /// A word of two characters or more (a title's words carry meaning, not particles).
    fn content_word(&self, rng: &mut impl Rng) -> &'static str {
        loop {
            let w = self.word(rng);
            if w.chars().count() >= 2 {
                return w;
            }
        }
    }

    /// A title of 4–30 characters: words, a break or two (`|`, `！` …), now and then one of the
    /// merchant's phrases, an emoji, or a `#话题`.
    pub(crate) fn title(&self, rng: &mut impl Rng) -> String {
        let target = rng.gen_range(6..=26);
        let mut title = String::new();
        if rng.gen_bool(0.2) {
            title.push_str(TITLE_HEADS[rng.gen_range(0..TITLE_HEADS.len())]);
            title.push_str(TITLE_BREAKS[rng.gen_range(0..2)]);
        }
        while title.chars().count() < target {
            title.push_str(self.content_word(rng));
            if rng.gen_bool(0.15) {
                title.push_str(TITLE_BREAKS[rng.gen_range(0..TITLE_BREAKS.len())]);
            }
        }
        if rng.gen_bool(0.2) {
            title.push_str(EMOJI[rng.gen_range(0..EMOJI.len())]);
        }
        if rng.gen_bool(0.15) {
            title.push_str(" #");
            title.push_str(self.content_word(rng));
        }
        fit(title, SHORTEST_TITLE, LONGEST_TITLE)
    }

    /// A text of a few to 1,000 characters: most are a line or two, a few are long.
    pub(crate) fn text(&self, rng: &mut impl Rng) -> String {
        let target = if rng.gen_bool(0.03) {
            rng.gen_range(400..=LONGEST_TEXT)
        } else {
            // Long-tailed: mostly short.
            let u: f64 = rng.gen_range(0.0..1.0);
            (8.0 + 160.0 * u * u * u) as usize
        };
        let mut text = String::new();
        let mut since_break = 0;
        while text.chars().count() < target {
            text.push_str(self.word(rng));
            since_break += 1;
            if since_break >= rng.gen_range(4..14) {
                text.push_str(TEXT_BREAKS[rng.gen_range(0..TEXT_BREAKS.len())]);
                since_break = 0;
                if rng.gen_bool(0.08) {
                    text.push_str(EMOJI[rng.gen_range(0..EMOJI.len())]);
                }
            }
        }
        fit(text, 1, LONGEST_TEXT)
    }
}

/// `s` cut to at most `longest` characters, or padded with a word's worth of `好物` to `shortest`.
fn fit(s: String, shortest: usize, longest: usize) -> String {
    let mut out: String = s.trim().chars().take(longest).collect::<String>().trim_end().to_owned();
    while out.chars().count() < shortest {
        out.push_str("好物");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn titles_are_distinct_sized_and_carry_punctuation_and_emoji() {
        let w = writer();
        assert!(w.words.len() >= 20_000, "the vocabulary: {}", w.words.len());
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let titles: Vec<String> = (0..10_000).map(|_| w.title(&mut rng)).collect();
        let distinct: HashSet<&String> = titles.iter().collect();
        assert!(distinct.len() * 100 >= titles.len() * 99, "{} distinct", distinct.len());
        for t in &titles {
            let n = t.chars().count();
            assert!((SHORTEST_TITLE..=LONGEST_TITLE).contains(&n), "{t}: {n}");
        }
        let with = |p: &str| titles.iter().filter(|t| t.contains(p)).count();
        assert!(with("|") + with("｜") > 100, "bars");
        assert!(with("！") > 100 && with("#") > 100, "exclamations and topics");
        assert!(EMOJI.iter().map(|e| with(e)).sum::<usize>() > 100, "emoji");
    }

    #[test]
    fn texts_run_from_a_line_to_a_thousand_characters() {
        let w = writer();
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let lens: Vec<usize> = (0..5_000).map(|_| w.text(&mut rng).chars().count()).collect();
        assert!(lens.iter().all(|n| (1..=LONGEST_TEXT).contains(n)));
        assert!(lens.iter().filter(|n| **n < 60).count() > 2_500, "most are short");
        assert!(lens.iter().filter(|n| **n > 500).count() > 20, "a few are long");
    }
}
