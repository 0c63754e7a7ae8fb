//! The platform's field rules, in one place: the simulator enforces them and the app checks
//! them before queueing an intention, so a locally invalid action never leaves the machine.

use crate::{BindingState, ErrorCode, GrantState, MediaKind, Scope, WorkKind};

/// A work's short title, in characters.
pub const MAX_TITLE_CHARS: usize = 30;
/// A work's text, in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// Products attached to one work.
pub const MAX_PRODUCTS_PER_WORK: usize = 6;
/// Pinned works per matrix account.
pub const MAX_PINNED_PER_ACCOUNT: usize = 3;
/// A topic (话题), in characters.
pub const MAX_TOPIC_CHARS: usize = 30;
/// A comment or reply, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;
/// Images of one image-text work.
pub const MAX_IMAGES_PER_WORK: usize = 9;
/// One video file, in bytes (4 GiB).
pub const MAX_VIDEO_BYTES: u64 = 4 << 30;
/// One image file, in bytes (20 MiB).
pub const MAX_IMAGE_BYTES: u64 = 20 << 20;
/// The file types the platform takes: file extension, `Content-Type`, and what it is.
pub const MEDIA_TYPES: &[(&str, &str, MediaKind)] = &[
    ("mp4", "video/mp4", MediaKind::Video),
    ("m4v", "video/mp4", MediaKind::Video),
    ("mov", "video/quicktime", MediaKind::Video),
    ("webm", "video/webm", MediaKind::Video),
    ("jpg", "image/jpeg", MediaKind::Image),
    ("jpeg", "image/jpeg", MediaKind::Image),
    ("png", "image/png", MediaKind::Image),
    ("webp", "image/webp", MediaKind::Image),
];
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

/// What the checks on acting for a matrix account need to know, the same on both sides: the
/// platform's copy (the simulator) and the desk's last synced one (the core).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStanding {
    pub id: String,
    pub binding_state: BindingState,
    pub publish: GrantState,
    pub interact: GrantState,
}

impl AccountStanding {
    /// The grant of one scope.
    pub fn grant(&self, scope: Scope) -> GrantState {
        match scope {
            Scope::Publish => self.publish,
            Scope::Interact => self.interact,
        }
    }

    /// Bound ([`require_bound`]).
    pub fn require_bound(&self) -> Result<(), RuleViolation> {
        require_bound(&self.id, self.binding_state)
    }

    /// Bound and holding the scope's grant ([`require_scope`]).
    pub fn require_scope(&self, scope: Scope) -> Result<(), RuleViolation> {
        require_scope(&self.id, self.binding_state, scope, self.grant(scope))
    }
}

/// Products attached to a work: at most six, each in the account's product pool (`pool`),
/// which is what makes it commission-free.
pub fn check_pool<S: AsRef<str>>(product_ids: &[String], pool: &[S]) -> Result<(), RuleViolation> {
    check_product_count(product_ids.len())?;
    match product_ids
        .iter()
        .find(|p| !pool.iter().any(|q| q.as_ref() == p.as_str()))
    {
        Some(p) => Err(RuleViolation {
            code: ErrorCode::NotInProductPool,
            rule: "not_in_product_pool",
            message: format!("product {p} is not in this account's product pool"),
        }),
        None => Ok(()),
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

/// A topic as stored and compared: trimmed, and none when blank ("no topic" has one spelling).
pub fn normalize_topic(topic: &str) -> Option<String> {
    let t = topic.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A scheduled publish must be later than `now` (a time already reached is refused).
pub fn check_schedule(
    at: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), RuleViolation> {
    match at {
        Some(at) if at <= now => Err(invalid("schedule_past", "the scheduled time has passed")),
        _ => Ok(()),
    }
}

pub fn check_topic(topic: &str) -> Result<(), RuleViolation> {
    let n = topic.trim().chars().count();
    if n > MAX_TOPIC_CHARS {
        return Err(invalid(
            "topic_too_long",
            format!("topic has {n} characters; at most {MAX_TOPIC_CHARS}"),
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

/// What an upload's `Content-Type` makes it, if the platform takes that type at all.
pub fn media_kind_of_content_type(content_type: &str) -> Option<MediaKind> {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    MEDIA_TYPES
        .iter()
        .find(|(_, ct, _)| ct.eq_ignore_ascii_case(essence))
        .map(|(_, _, kind)| *kind)
}

/// The `Content-Type` and kind of a file, by its name's extension; a type the platform does
/// not take is refused with `media_type`.
pub fn media_type_of_file_name(name: &str) -> Result<(&'static str, MediaKind), RuleViolation> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    MEDIA_TYPES
        .iter()
        .find(|(e, _, _)| *e == ext)
        .map(|(_, ct, kind)| (*ct, *kind))
        .ok_or_else(|| {
            invalid(
                "media_type",
                format!("{name} is not a video (mp4, mov, webm) or an image (jpg, png, webp)"),
            )
        })
}

/// An image's type by its first bytes (its magic number), whatever its name says:
/// (file extension, MIME type). Covers the platform serves are kept only when this knows them.
pub fn image_type_of_bytes(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("png", "image/png"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("jpg", "image/jpeg"))
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("webp", "image/webp"))
    } else if bytes.starts_with(b"GIF8") {
        Some(("gif", "image/gif"))
    } else {
        None
    }
}

/// One file's size, by what it is.
pub fn check_media_size(kind: MediaKind, bytes: u64) -> Result<(), RuleViolation> {
    let max = match kind {
        MediaKind::Video => MAX_VIDEO_BYTES,
        MediaKind::Image => MAX_IMAGE_BYTES,
    };
    if bytes == 0 {
        return Err(invalid("media_empty", "the file is empty"));
    }
    if bytes > max {
        return Err(invalid(
            "media_too_large",
            format!("the {kind} has {bytes} bytes; at most {max}"),
        ));
    }
    Ok(())
}

/// A work's files: a video work has exactly one video; an image-text work 1–9 images; a
/// cover is an image; a cover frame is only for a video.
pub fn check_work_media(
    kind: WorkKind,
    media: &[MediaKind],
    cover: Option<MediaKind>,
    cover_frame: bool,
) -> Result<(), RuleViolation> {
    match kind {
        WorkKind::Video => {
            if media.len() != 1 || media[0] != MediaKind::Video {
                return Err(invalid(
                    "video_needs_one_video",
                    format!("a video work has exactly one video file ({} files given)", media.len()),
                ));
            }
        }
        WorkKind::ImageText => {
            if media.is_empty() || media.len() > MAX_IMAGES_PER_WORK {
                return Err(invalid(
                    "images_count",
                    format!(
                        "an image-text work has 1 to {MAX_IMAGES_PER_WORK} images ({} given)",
                        media.len()
                    ),
                ));
            }
            if media.iter().any(|m| *m != MediaKind::Image) {
                return Err(invalid("images_only", "an image-text work has images only"));
            }
            if cover_frame {
                return Err(invalid(
                    "cover_frame_not_video",
                    "only a video has frames to take a cover from",
                ));
            }
        }
    }
    if cover.is_some_and(|c| c != MediaKind::Image) {
        return Err(invalid("cover_not_image", "a cover is an image"));
    }
    if cover.is_some() && cover_frame {
        return Err(invalid(
            "cover_twice",
            "a cover is either an image or a frame of the video, not both",
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

    #[test]
    fn works_have_the_files_their_kind_needs() {
        use MediaKind::{Image, Video};
        assert!(check_work_media(WorkKind::Video, &[Video], None, true).is_ok());
        assert!(check_work_media(WorkKind::Video, &[Video], Some(Image), false).is_ok());
        let rule = |r: Result<(), RuleViolation>| r.expect_err("refused").rule;
        assert_eq!(
            rule(check_work_media(WorkKind::Video, &[], None, false)),
            "video_needs_one_video"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::Video, &[Video, Video], None, false)),
            "video_needs_one_video"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::Video, &[Image], None, false)),
            "video_needs_one_video"
        );
        assert!(check_work_media(WorkKind::ImageText, &[Image; 9], None, false).is_ok());
        assert_eq!(
            rule(check_work_media(WorkKind::ImageText, &[Image; 10], None, false)),
            "images_count"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::ImageText, &[], None, false)),
            "images_count"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::ImageText, &[Image, Video], None, false)),
            "images_only"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::ImageText, &[Image], None, true)),
            "cover_frame_not_video"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::Video, &[Video], Some(Video), false)),
            "cover_not_image"
        );
        assert_eq!(
            rule(check_work_media(WorkKind::Video, &[Video], Some(Image), true)),
            "cover_twice"
        );
    }

    #[test]
    fn files_are_known_by_extension_and_content_type() {
        assert_eq!(media_type_of_file_name("开箱.MP4").map(|t| t.1), Ok(MediaKind::Video));
        assert_eq!(media_type_of_file_name("a.jpeg").map(|t| t.0), Ok("image/jpeg"));
        assert_eq!(
            media_type_of_file_name("notes.txt").map_err(|v| v.rule),
            Err("media_type")
        );
        assert_eq!(media_type_of_file_name("noext").map_err(|v| v.rule), Err("media_type"));
        assert_eq!(
            media_kind_of_content_type("image/png; charset=binary"),
            Some(MediaKind::Image)
        );
        assert_eq!(media_kind_of_content_type("application/pdf"), None);
        assert_eq!(
            check_media_size(MediaKind::Image, 0).map_err(|v| v.rule),
            Err("media_empty")
        );
        assert_eq!(
            check_media_size(MediaKind::Image, MAX_IMAGE_BYTES + 1).map_err(|v| v.rule),
            Err("media_too_large")
        );
        assert!(check_media_size(MediaKind::Video, MAX_IMAGE_BYTES + 1).is_ok());
    }
}

#[cfg(test)]
mod shared_rule_tests {
    use super::*;

    #[test]
    fn a_topic_has_one_spelling_and_a_schedule_must_be_ahead() {
        assert_eq!(normalize_topic("  春日穿搭 "), Some("春日穿搭".to_owned()));
        assert_eq!(normalize_topic("   "), None, "blank is no topic");
        let now = chrono::Utc::now();
        assert!(check_schedule(None, now).is_ok());
        assert!(check_schedule(Some(now + chrono::Duration::minutes(1)), now).is_ok());
        assert_eq!(
            check_schedule(Some(now), now).map_err(|v| v.rule),
            Err("schedule_past"),
            "now has passed"
        );
    }
}
