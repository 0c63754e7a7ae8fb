//! What never reaches a log file: the secrets the app holds, passwords and tokens written as
//! fields, and full mobile numbers. Every line the app logs passes through [`redact`].
//!
//! Secrets are learnt as they pass through `Secret::new`: a token read from the keychain
//! or a phone waiting to be sent is replaced wherever it appears, whatever surrounds it.

use std::borrow::Cow;
use std::sync::{LazyLock, RwLock};

use regex::{Captures, Regex};

/// Shorter values are too likely to be ordinary words or numbers to hide everywhere.
const MIN_SECRET_CHARS: usize = 6;
pub const REDACTED: &str = "[redacted]";

/// The app's one redactor, which every log line goes through.
static GLOBAL: LazyLock<Redactor> = LazyLock::new(Redactor::default);

/// `password=…`, `"token": "…"`, `Authorization: Bearer …` and their kin.
static FIELD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)((?:password|passwd|pwd|token|secret|authorization|api[_-]?key)"?\s*[:=]\s*"?(?:bearer\s+)?)([^\s",&;}]+)"#,
    )
    .ok()
});

/// A mainland mobile number standing alone (not part of a longer run of digits).
static MOBILE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(^|\D)(1[3-9]\d)(\d{4})(\d{4})(\D|$)").ok());

/// Remembers a secret so that it is redacted from now on.
pub fn remember(secret: &str) {
    GLOBAL.remember(secret);
}

/// `text` with every known secret, secret-looking field and full mobile number hidden.
pub fn redact(text: &str) -> Cow<'_, str> {
    GLOBAL.redact(text)
}

/// The secrets learnt so far, and the rules.
#[derive(Default)]
pub struct Redactor {
    known: RwLock<Vec<String>>,
}

impl Redactor {
    pub fn remember(&self, secret: &str) {
        let secret = secret.trim();
        if secret.chars().count() < MIN_SECRET_CHARS {
            return;
        }
        let mut known = self.known.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !known.iter().any(|k| k == secret) {
            known.push(secret.to_owned());
            // Longest first, so a secret containing another is replaced whole.
            known.sort_by_key(|k| std::cmp::Reverse(k.len()));
        }
    }

    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        {
            let known = self.known.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            for secret in known.iter() {
                if out.contains(secret.as_str()) {
                    out = Cow::Owned(out.replace(secret.as_str(), REDACTED));
                }
            }
        }
        if let Some(field) = FIELD.as_ref() {
            if field.is_match(&out) {
                out = Cow::Owned(field.replace_all(&out, format!("${{1}}{REDACTED}")).into_owned());
            }
        }
        if let Some(mobile) = MOBILE.as_ref() {
            // Matches may touch (a separator is shared), so repeat until none is left.
            while mobile.is_match(&out) {
                let masked = mobile
                    .replace_all(&out, |c: &Captures<'_>| {
                        format!("{}{}****{}{}", &c[1], &c[2], &c[4], &c[5])
                    })
                    .into_owned();
                out = Cow::Owned(masked);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_secret_is_hidden_wherever_it_appears() {
        let r = Redactor::default();
        r.remember("tok_9f8e7d6c5b4a");
        let line = r.redact("GET /v1/works?access=tok_9f8e7d6c5b4a failed (tok_9f8e7d6c5b4a)");
        assert!(!line.contains("tok_9f8e7d6c5b4a"), "{line}");
        assert_eq!(line.matches(REDACTED).count(), 2, "{line}");
        r.remember("abc");
        assert_eq!(r.redact("abc stays"), "abc stays", "too short to hide everywhere");
    }

    #[test]
    fn password_and_token_fields_are_hidden() {
        for line in [
            r#"{"username":"ops","password":"hunter2!"}"#,
            "password=hunter2! user=ops",
            "Authorization: Bearer eyJhbGciOi.x.y",
            r#"token = "s3cr3t-value""#,
        ] {
            let out = Redactor::default().redact(line);
            assert!(out.contains(REDACTED), "{line} -> {out}");
            assert!(
                !out.contains("hunter2") && !out.contains("eyJhbGciOi") && !out.contains("s3cr3t"),
                "{out}"
            );
        }
        let r = Redactor::default();
        assert_eq!(r.redact("user=ops id=7"), "user=ops id=7", "other fields stay readable");
    }

    #[test]
    fn full_mobile_numbers_are_masked_like_the_platform_masks_them() {
        let r = Redactor::default();
        let redact = |t| r.redact(t).into_owned();
        assert_eq!(redact("invite 13812345678 now"), "invite 138****5678 now");
        assert_eq!(redact("13812345678,13912345678"), "138****5678,139****5678");
        assert_eq!(redact("phone=13812345678"), "phone=138****5678");
        // Not a phone: longer runs of digits, ids, timestamps.
        assert_eq!(redact("id 1381234567890"), "id 1381234567890");
        assert_eq!(redact("ts 12812345678"), "ts 12812345678");
    }
}
