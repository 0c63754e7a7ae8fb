//! Text as the checker compares it: disguises taken off, with a map back to the original.
//!
//! Folding undoes what people do to slip a word past a filter: full-width letters and digits
//! (`ＶＸ`), letter case (`Vx`), spaces or symbols between characters (`微 信`, `加-V`,
//! `微❤信`), and traditional characters (`國家級`, through `fast2s`). What is left is letters,
//! digits, CJK characters and `%` (so `100 %` is still `100%`).

/// Folded text: the characters compared, and for each the index (in characters) of the
/// original character it came from.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]`: the original character index of the folded text's character `i`.
    pub origin: Vec<usize>,
    /// Byte offset in `text` of each folded character, and one past the end.
    pub bytes: Vec<usize>,
}

impl Folded {
    /// The folded character index at byte offset `b` of `text`.
    pub fn char_at(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| x < b)
    }
}

/// One character, folded: `None` when it is a separator people put between characters.
fn fold_char(c: char) -> Option<char> {
    let c = match c {
        // Full-width forms of ASCII (！ to ～) and the ideographic space.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    let c = c.to_lowercase().next().unwrap_or(c);
    (c.is_alphanumeric() || c == '%').then_some(c)
}

/// Folds `s` for matching.
pub fn fold(s: &str) -> Folded {
    // fast2s maps character for character, so positions line up with the original.
    let simplified = fast2s::convert(s);
    let mut out = Folded::default();
    for (i, c) in simplified.chars().enumerate() {
        if let Some(f) = fold_char(c) {
            out.bytes.push(out.text.len());
            out.text.push(f);
            out.origin.push(i);
        }
    }
    out.bytes.push(out.text.len());
    out
}

/// A listed word as the checker compares it.
pub fn fold_word(word: &str) -> String {
    fold(word).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguises_fold_to_the_word() {
        for (written, word) in [
            ("ＶＸ", "vx"),
            ("V x", "vx"),
            ("微 信", "微信"),
            ("微-信", "微信"),
            ("微❤信", "微信"),
            ("國家級", "国家级"),
            ("１００％", "100%"),
            ("100 %", "100%"),
            ("加　Ｖ", "加v"),
        ] {
            assert_eq!(fold_word(written), word, "{written}");
        }
    }

    #[test]
    fn positions_point_into_the_original() {
        let f = fold("买 微-信 号");
        assert_eq!(f.text, "买微信号");
        assert_eq!(f.origin, vec![0, 2, 4, 6]);
        assert_eq!(f.char_at("买".len()), 1);
    }
}
