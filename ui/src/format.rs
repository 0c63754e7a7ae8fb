//! Presenting times, numbers and money for people: local time in the UI language, counts
//! with thousands separators, yuan from cents, changes in percent, search matches.

use mdesk_ipc::{Metric, TextMark};
use wasm_bindgen::JsValue;

/// An RFC 3339 timestamp as local date and time, e.g. `2026/11/28 14:03:05`.
pub fn local_time(rfc3339: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}

/// An RFC 3339 timestamp as local date and time to the minute, e.g. `2026/11/28 14:03`: for
/// table cells, where seconds are noise.
pub fn local_minute(rfc3339: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(lang, &options).into()
}

/// A whole number with thousands separators: `1,234,567`.
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount in yuan from cents, with separators and two decimals: `¥1,234.50`.
pub fn yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = count(i64::try_from(abs / 100).unwrap_or(i64::MAX));
    format!("{sign}¥{whole}.{:02}", abs % 100)
}

/// Yuan from cents as a plain number, for charts.
pub fn yuan_number(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// One of the six numbers as people read it: the amount in yuan, the others as counts.
pub fn metric(metric: Metric, value: i64) -> String {
    match metric {
        Metric::Amount => yuan(value),
        _ => count(value),
    }
}

/// How a number moved against the one before it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The period before had nothing to compare with.
    NoBase,
    /// In percent of the earlier number; positive is up.
    Percent(f64),
}

impl Change {
    pub fn of(now: i64, before: i64) -> Self {
        if before == 0 {
            Change::NoBase
        } else {
            Change::Percent((now as f64 - before as f64) * 100.0 / (before as f64).abs())
        }
    }

    /// `+12.3%`, `-4.0%`, `0.0%`, or `—` without a base.
    pub fn text(&self) -> String {
        match self {
            Change::NoBase => "—".to_owned(),
            Change::Percent(p) if p.abs() < 0.05 => "0.0%".to_owned(),
            Change::Percent(p) => format!("{p:+.1}%"),
        }
    }

    /// `up`, `down` or `flat` (for the colour and arrow).
    pub fn direction(&self) -> &'static str {
        match self {
            Change::Percent(p) if *p >= 0.05 => "up",
            Change::Percent(p) if *p <= -0.05 => "down",
            _ => "flat",
        }
    }
}

/// `text` cut into stretches, each marked or not, from character offsets (what a search
/// matched); overlapping or out-of-range marks are clipped.
pub fn marked(text: &str, marks: &[TextMark]) -> Vec<(String, bool)> {
    let spans: Vec<(usize, usize, ())> = marks.iter().map(|m| (m.start as usize, m.end as usize, ())).collect();
    marked_with(text, &spans, |a, _| a)
        .into_iter()
        .map(|(s, m)| (s, m.is_some()))
        .collect()
}

/// `text` cut into stretches, each with the mark over it (`pick` chooses where two overlap) or
/// none, from character offsets `start..end`; out-of-range marks are clipped.
pub fn marked_with<T: Copy + PartialEq>(
    text: &str,
    spans: &[(usize, usize, T)],
    pick: fn(T, T) -> T,
) -> Vec<(String, Option<T>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks: Vec<Option<T>> = vec![None; chars.len()];
    for &(start, end, mark) in spans {
        for m in marks.iter_mut().take(end.min(chars.len())).skip(start) {
            *m = Some(m.map_or(mark, |old| pick(old, mark)));
        }
    }
    let mut parts: Vec<(String, Option<T>)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marks) {
        match parts.last_mut() {
            Some((s, last)) if *last == m => s.push(c),
            _ => parts.push((c.to_string(), m)),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_a_separator_every_three_digits() {
        // Staff compare six-digit exposures at a glance; a misplaced comma misleads.
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(count(-1234), "-1,234");
        assert_eq!(count(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn amounts_are_yuan_with_two_decimals() {
        // Amounts travel in cents; people read yuan, and a lost sign on a refund would lie.
        assert_eq!(yuan(0), "¥0.00");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(yuan(12800), "¥128.00");
        assert_eq!(yuan(123456789), "¥1,234,567.89");
        assert_eq!(yuan(-50), "-¥0.50");
        assert_eq!(metric(Metric::Amount, 150), "¥1.50");
        assert_eq!(metric(Metric::Views, 1500), "1,500");
    }

    #[test]
    fn a_change_needs_a_base_to_be_a_percentage() {
        // From zero any rise is infinite: the card shows a dash instead of a made-up number.
        assert_eq!(Change::of(10, 0), Change::NoBase);
        assert_eq!(Change::of(10, 0).text(), "—");
        assert_eq!(Change::of(10, 0).direction(), "flat");
        assert_eq!(Change::of(150, 100).text(), "+50.0%");
        assert_eq!(Change::of(150, 100).direction(), "up");
        assert_eq!(Change::of(1, 3).text(), "-66.7%");
        assert_eq!(Change::of(1, 3).direction(), "down");
        assert_eq!(Change::of(100, 100).text(), "0.0%");
        assert_eq!(Change::of(100, 100).direction(), "flat");
    }

    #[test]
    fn marks_cut_the_text_at_character_offsets() {
        // Offsets count characters, not bytes: Chinese titles must not be cut mid-character.
        let m = |start, end| TextMark { start, end };
        assert_eq!(
            marked("春季新品上市", &[m(2, 4)]),
            vec![
                ("春季".to_owned(), false),
                ("新品".to_owned(), true),
                ("上市".to_owned(), false)
            ]
        );
        assert_eq!(marked("abc", &[]), vec![("abc".to_owned(), false)]);
        assert_eq!(
            marked("abcdef", &[m(0, 2), m(1, 3), m(5, 99)]),
            vec![
                ("abc".to_owned(), true),
                ("de".to_owned(), false),
                ("f".to_owned(), true)
            ]
        );
        assert!(marked("", &[m(0, 1)]).is_empty());
    }
}
