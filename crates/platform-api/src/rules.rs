//! The platform's field rules, in one place: the simulator enforces them and the app checks
//! them before queueing an intention, so a locally invalid action never leaves the machine.

use crate::{BindingState, ErrorCode, GrantState, Scope};

/// A work's short title, in characters.
pub const MAX_TITLE_CHARS: usize = 30;
/// A work's text, in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// Products attached to one work.
pub const MAX_PRODUCTS_PER_WORK: usize = 6;
/// Pinned works per matrix account.
pub const MAX_PINNED_PER_ACCOUNT: usize = 3;
/// A comment or reply, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;
/// Days a pending invitation stays open.
pub const INVITATION_TTL_DAYS: i64 = 7;

/// A rule broken by a request: the error code the platform answers with, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleViolation {
    pub code: ErrorCode,
    /// Which rule, as a stable key the app translates into a specific message
    /// (`gg_id_empty`, `phone_format`, `title_too_long`, …).
    pub rule: &'static str,
    pub message: String,
}

fn invalid(rule: &'static str, message: impl Into<String>) -> RuleViolation {
    RuleViolation {
        code: ErrorCode::Validation,
        rule,
        message: message.into(),
    }
}

/// Acting for an account needs it bound. An email unbind on its way counts as leaving:
/// nothing new starts.
pub fn require_bound(account_id: &str, binding: BindingState) -> Result<(), RuleViolation> {
    if binding == BindingState::Bound {
        return Ok(());
    }
    Err(RuleViolation {
        code: ErrorCode::NotBound,
        rule: "not_bound",
        message: format!("account {account_id} is not bound ({binding})"),
    })
}

/// Acting for an account in a scope needs it bound and the scope granted.
pub fn require_scope(
    account_id: &str,
    binding: BindingState,
    scope: Scope,
    grant: GrantState,
) -> Result<(), RuleViolation> {
    require_bound(account_id, binding)?;
    if grant == GrantState::Granted {
        return Ok(());
    }
    Err(RuleViolation {
        code: ErrorCode::PermissionRequired,
        rule: "permission_required",
        message: format!("account {account_id} has not granted the {scope} permission ({grant})"),
    })
}

/// 逛逛号: 6–20 characters, a letter first, then letters, digits or underscores.
pub fn check_guangguang_id(id: &str) -> Result<(), RuleViolation> {
    let mut chars = id.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    let len = id.chars().count();
    if id.is_empty() {
        return Err(invalid("gg_id_empty", "guangguang_id is empty"));
    }
    if !(6..=20).contains(&len) || !first_ok || !rest_ok {
        return Err(invalid(
            "gg_id_format",
            format!("guangguang_id {id:?} must be 6-20 letters, digits or underscores, starting with a letter"),
        ));
    }
    Ok(())
}

/// A mainland China mobile number: 11 digits starting with 1 and a second digit 3–9.
pub fn check_mobile(phone: &str) -> Result<(), RuleViolation> {
    let digits_only = phone.chars().all(|c| c.is_ascii_digit());
    let second_ok = phone.chars().nth(1).is_some_and(|c| ('3'..='9').contains(&c));
    if phone.is_empty() {
        return Err(invalid("phone_empty", "phone is empty"));
    }
    if phone.len() != 11 || !digits_only || !phone.starts_with('1') || !second_ok {
        return Err(invalid(
            "phone_format",
            "phone must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)",
        ));
    }
    Ok(())
}

/// The masked form the platform returns and the app stores: `138****1234`.
pub fn mask_mobile(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "***".to_owned()
    }
}

pub fn check_title(title: &str) -> Result<(), RuleViolation> {
    let n = title.trim().chars().count();
    if n == 0 {
        return Err(invalid("title_empty", "title is empty"));
    }
    if n > MAX_TITLE_CHARS {
        return Err(invalid(
            "title_too_long",
            format!("title has {n} characters; at most {MAX_TITLE_CHARS}"),
        ));
    }
    Ok(())
}

pub fn check_text(text: &str) -> Result<(), RuleViolation> {
    let n = text.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(invalid(
            "text_too_long",
            format!("text has {n} characters; at most {MAX_TEXT_CHARS}"),
        ));
    }
    Ok(())
}

pub fn check_product_count(n: usize) -> Result<(), RuleViolation> {
    if n > MAX_PRODUCTS_PER_WORK {
        return Err(invalid(
            "too_many_products",
            format!("{n} products attached; at most {MAX_PRODUCTS_PER_WORK}"),
        ));
    }
    Ok(())
}

pub fn check_comment(text: &str) -> Result<(), RuleViolation> {
    let n = text.trim().chars().count();
    if n == 0 {
        return Err(invalid("comment_empty", "comment is empty"));
    }
    if n > MAX_COMMENT_CHARS {
        return Err(invalid(
            "comment_too_long",
            format!("comment has {n} characters; at most {MAX_COMMENT_CHARS}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acting_for_an_account_needs_it_bound_and_the_scope_granted() {
        // The simulator and the app both call these: one rule, one answer.
        assert!(require_bound("a1", BindingState::Bound).is_ok());
        for binding in [
            BindingState::Invited,
            BindingState::UnbindRequested,
            BindingState::Unbound,
        ] {
            let v = require_bound("a1", binding).expect_err("only bound accounts may be acted for");
            assert_eq!(v.code, ErrorCode::NotBound);
        }
        assert!(require_scope("a1", BindingState::Bound, Scope::Publish, GrantState::Granted).is_ok());
        for grant in [
            GrantState::None,
            GrantState::Requested,
            GrantState::Declined,
            GrantState::Revoked,
        ] {
            let v = require_scope("a1", BindingState::Bound, Scope::Interact, grant).expect_err("needs the grant");
            assert_eq!(v.code, ErrorCode::PermissionRequired);
            assert!(
                v.message.contains("interact"),
                "the message names the scope: {}",
                v.message
            );
        }
        let v = require_scope("a1", BindingState::Unbound, Scope::Publish, GrantState::Granted)
            .expect_err("an unbound account's old grant counts for nothing");
        assert_eq!(v.code, ErrorCode::NotBound, "binding is checked before the grant");
    }

    #[test]
    fn guangguang_ids() {
        assert!(check_guangguang_id("gg10000001").is_ok());
        assert!(check_guangguang_id("").is_err(), "empty");
        assert!(check_guangguang_id("1abcdef").is_err(), "must start with a letter");
        assert!(check_guangguang_id("abc").is_err(), "too short");
        assert!(check_guangguang_id("ab-cdefg").is_err(), "no dashes");
    }

    #[test]
    fn mobiles() {
        assert!(check_mobile("13812345678").is_ok());
        assert!(check_mobile("1381234567").is_err(), "10 digits");
        assert!(check_mobile("12812345678").is_err(), "second digit 2");
        assert!(check_mobile("1381234567x").is_err(), "letters");
        assert_eq!(mask_mobile("13812345678"), "138****5678");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        // Chinese titles are 3 bytes a character; the limit is 30 characters.
        assert!(check_title(&"标".repeat(30)).is_ok());
        assert!(check_title(&"标".repeat(31)).is_err());
        assert!(check_text(&"字".repeat(1000)).is_ok());
        assert!(check_text(&"字".repeat(1001)).is_err());
        assert!(check_product_count(6).is_ok());
        assert!(check_product_count(7).is_err());
    }
}
