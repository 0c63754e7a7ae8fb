//! Translations from `crates/ipc/i18n/*.ftl` (Fluent), the one home of every word a user reads:
//! the UI's screens, and the shell's notifications and exports. zh-CN is the default; en the second language.

pub use fluent_bundle::FluentValue;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use unic_langid::LanguageIdentifier;

pub const DEFAULT_LANGUAGE: &str = "zh-CN";
/// (code, name shown in the language picker, in its own language)
pub const LANGUAGES: &[(&str, &str)] = &[("zh-CN", "简体中文"), ("en", "English")];

const ZH_CN: &str = include_str!("../i18n/zh-CN.ftl");
const EN: &str = include_str!("../i18n/en.ftl");

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Isolation marks would show up as stray characters in tests and copy-paste.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    // Duplicate keys are caught by the test below; keep what was added.
    let _ = bundle.add_resource(resource);
    bundle
}

// One per language, each parsed when first used: the window starts in one language and
// parsing the other would only delay its first screen.
thread_local! {
    static ZH_CN_BUNDLE: FluentBundle<FluentResource> = bundle("zh-CN", ZH_CN);
    static EN_BUNDLE: FluentBundle<FluentResource> = bundle("en", EN);
}

/// The translation of `key` in `lang`, with `args`; the key itself when missing. A language
/// not translated falls back to Chinese.
pub fn translate(lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let format = |bundle: &FluentBundle<FluentResource>| {
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    };
    match lang {
        "en" => EN_BUNDLE.with(format),
        _ => ZH_CN_BUNDLE.with(format),
    }
}

/// The sync state in one short line, for the tray: online or not, then what is waiting.
pub fn tray_status(lang: &str, status: &crate::SyncStatus) -> String {
    if status.syncing {
        return translate(lang, "status-syncing", &[]);
    }
    let online = match status.online {
        Some(true) => "status-online",
        Some(false) => "status-offline",
        None => "status-connecting",
    };
    let mut parts = vec![
        translate(lang, online, &[]),
        translate(lang, "status-queued", &[("count", FluentValue::from(status.queued))]),
    ];
    if status.failed > 0 {
        parts.push(translate(
            lang,
            "status-failed",
            &[("count", FluentValue::from(status.failed))],
        ));
    }
    if !status.signed_in {
        parts.push(translate(lang, "status-signed-out", &[]));
    }
    parts.join(" · ")
}

/// A notice as a desktop notification and an in-app line: (title, body) in `lang`.
pub fn notice_text(lang: &str, notice: &crate::Notice) -> (String, String) {
    let word = |prefix: &str, key: &Option<String>| {
        key.as_deref()
            .map(|k| translate(lang, &format!("{prefix}-{k}"), &[]))
            .unwrap_or_default()
    };
    let args = [
        ("subject", FluentValue::from(notice.subject.clone())),
        (
            "scope",
            FluentValue::from(word("scope", &notice.scope.map(|s| s.as_str().to_owned()))),
        ),
        ("action", FluentValue::from(word("intention", &notice.action_kind))),
        ("reason", FluentValue::from(word("error", &notice.error_code))),
        ("detail", FluentValue::from(notice.detail.clone().unwrap_or_default())),
    ];
    (
        translate(lang, &format!("notice-{}-title", notice.kind), &args),
        translate(lang, &format!("notice-{}", notice.kind), &args),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" = "))
            .filter_map(|l| l.split(" = ").next().map(str::to_owned))
            .collect()
    }

    #[test]
    fn both_languages_have_exactly_the_same_keys() {
        // A key present in one language only would show a raw key to some users.
        assert_eq!(keys(ZH_CN), keys(EN));
        assert!(keys(EN).len() > 50, "the key scan must actually find the keys");
    }

    #[test]
    fn every_error_code_has_a_message_in_both_languages() {
        // Platform errors must reach the user in plain words, never as a code.
        for code in [
            "phone_mismatch",
            "offline",
            "not_whitelisted",
            "newer_database",
            "keychain_unavailable",
        ] {
            let key = format!("error-{code}");
            for (lang, _) in LANGUAGES {
                assert_ne!(translate(lang, &key, &[]), key, "{lang} lacks {key}");
            }
        }
    }

    #[test]
    fn the_tray_says_online_state_and_what_waits_in_each_language() {
        let status = crate::SyncStatus {
            platform: crate::PlatformKind::Demo,
            platform_url: None,
            signed_in: true,
            merchant_name: None,
            whitelisted: Some(true),
            online: Some(false),
            syncing: false,
            progress: None,
            last_sync_at: None,
            queued: 3,
            failed: 1,
            last_error: None,
            recovery: None,
            whoami: None,
            reviews_waiting: 0,
        };
        assert_eq!(tray_status("zh-CN", &status), "离线 · 待同步 3 · 失败 1");
        assert_eq!(tray_status("en", &status), "Offline · 3 queued · 1 failed");
        let syncing = crate::SyncStatus {
            syncing: true,
            ..status
        };
        assert_eq!(tray_status("en", &syncing), "Syncing…");
    }

    #[test]
    fn every_input_rule_and_notice_has_words_in_both_languages() {
        // A broken rule must say exactly what to fix; a notice must read as a sentence.
        let rules = [
            "gg_id_empty",
            "gg_id_format",
            "phone_empty",
            "phone_format",
            "title_empty",
            "title_too_long",
            "text_too_long",
            "too_many_products",
            "comment_empty",
            "comment_too_long",
            "group_too_long",
            "pool_pick_both",
            "edit_unchanged",
            "date_invalid",
            "period_order",
            "period_too_long",
            "work_unknown",
            "work_deleted",
            "comment_unknown",
            // The composer's files, cover, schedule, accounts and topic.
            "media_type",
            "media_unreadable",
            "media_empty",
            "media_too_large",
            "video_needs_one_video",
            "images_count",
            "images_only",
            "cover_not_image",
            "cover_twice",
            "cover_frame_not_video",
            "schedule_invalid",
            "schedule_past",
            "no_accounts",
            "topic_too_long",
        ];
        for (lang, _) in LANGUAGES {
            for rule in rules {
                let key = format!("rule-{rule}");
                assert_ne!(translate(lang, &key, &[]), key, "{lang} lacks {key}");
            }
            let notice = crate::Notice {
                seq: 1,
                at: "2026-11-28T10:00:00Z".into(),
                kind: crate::NoticeKind::ActionRejected,
                subject: "青禾小店".into(),
                scope: None,
                action_kind: Some("publish".into()),
                error_code: Some("permission_required".into()),
                read: false,
                work_id: None,
                detail: None,
            };
            let (title, body) = notice_text(lang, &notice);
            assert!(!title.starts_with("notice-"), "{lang}: {title}");
            assert!(
                body.contains("青禾小店") && !body.contains("intention-") && !body.contains("error-"),
                "{lang}: {body}"
            );
            // Every kind of notice has its words, naming what it is about.
            for &kind in crate::NoticeKind::ALL {
                let n = crate::Notice {
                    kind,
                    subject: "今日开箱".into(),
                    detail: Some("封面含有二维码".into()),
                    work_id: Some("w1".into()),
                    ..notice.clone()
                };
                let (title, body) = notice_text(lang, &n);
                assert!(!title.starts_with("notice-"), "{lang}: {title}");
                assert!(body.contains("今日开箱"), "{lang}: {body}");
                if matches!(
                    kind,
                    crate::NoticeKind::WorkRejected
                        | crate::NoticeKind::NewComment
                        | crate::NoticeKind::SubmissionReturned
                ) {
                    assert!(body.contains("封面含有二维码"), "{lang} {kind}: {body}");
                }
            }
        }
    }

    #[test]
    fn arguments_and_plurals_are_applied() {
        assert_eq!(translate("en", "accounts-count", &[("count", 1.into())]), "1 account");
        assert_eq!(translate("en", "accounts-count", &[("count", 8.into())]), "8 accounts");
        assert_eq!(
            translate("zh-CN", "accounts-count", &[("count", 8.into())]),
            "共 8 个账号"
        );
    }
}
