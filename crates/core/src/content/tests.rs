//! The checker over risky and everyday phrases (every disguise the module names), the
//! merchant's own words per account, the verdict, and the words' CSV.

use mdesk_ipc::{CheckedText, NewWord, Severity, WordCategory};

use super::*;

/// Two matrix accounts, `a-ok` (gg_ok001) and `a-nopub` (gg_nopub1), for their own words.
fn fixture() -> Store {
    crate::store::signed_in_with(
        Store::open_in_memory().expect("store"),
        "INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
           ('a-ok', 'm1', 'gg_ok001', '门店甲', 'store', 'bound', 0, '2026-01-01T00:00:00Z'),
           ('a-nopub', 'm1', 'gg_nopub1', '员工乙', 'staff', 'bound', 0, '2026-01-01T00:00:00Z');",
    )
}

fn title(s: &str) -> CheckedText {
    CheckedText::work(s, "", "")
}

fn hits(store: &Store, s: &str, accounts: &[&str]) -> Vec<(String, String, Severity)> {
    let accounts: Vec<String> = accounts.iter().map(|a| (*a).to_owned()).collect();
    check(store, &title(s), &accounts)
        .expect("check")
        .hits
        .into_iter()
        .map(|h| (h.word, h.found, h.severity))
        .collect()
}

fn words(store: &Store, s: &str) -> Vec<String> {
    hits(store, s, &[]).into_iter().map(|(w, _, _)| w).collect()
}

#[test]
fn risky_phrases_are_found_with_their_severity() {
    let store = fixture();
    for (text, word, severity) in [
        ("国家级非遗手艺", "国家级", Severity::Block),
        ("销量全网第一", "第一", Severity::Block),
        ("这是全网最低价", "全网最低", Severity::Block),
        ("这是最好喝的春茶", "最好", Severity::Block),
        ("顶级原料", "顶级", Severity::Warn),
        ("有问题加微信聊", "加微", Severity::Block),
        ("扫码领券", "扫码", Severity::Block),
        ("喝了能治疗失眠", "治疗", Severity::Block),
        ("三天见效，无效退款", "无效退款", Severity::Block),
        ("稳赚不赔的好生意", "稳赚", Severity::Block),
        ("美白精华", "美白", Severity::Warn),
    ] {
        let found = hits(&store, text, &[]);
        assert!(
            found.iter().any(|(w, _, s)| w == word && *s == severity),
            "{text:?}: expected {word:?} ({severity:?}), found {found:?}"
        );
    }
}

#[test]
fn everyday_words_containing_a_listed_one_pass() {
    let store = fixture();
    for text in [
        "第一次来这家店",
        "活动第一天",
        "最近上新了三款茶",
        "最后一天，明天恢复原价",
        "最好提前预约",
        "这款茶的最佳赏味期是一年",
        "100%纯棉的茶巾",
        "麻辣烫加微辣",
        "小朋友爱吃qq糖",
        "今天天气很好",
    ] {
        assert_eq!(words(&store, text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn disguises_do_not_hide_a_word() {
    let store = fixture();
    for (text, word) in [
        ("找ＶＸ领取", "vx"),
        ("找 V X 领取", "vx"),
        ("私聊 v-x", "vx"),
        ("加微❤信", "加微"),
        ("國家級工藝", "国家级"),
        ("全网第 一", "第一"),
        ("NO.1 的口碑", "no.1"),
        ("最*好*喝", "最好"),
        ("有意者加QQ", "加qq"),
    ] {
        assert!(
            words(&store, text).contains(&word.to_owned()),
            "{text:?} → {:?}",
            words(&store, text)
        );
    }
}

#[test]
fn a_latin_word_inside_a_longer_latin_word_is_not_that_word() {
    let store = fixture();
    assert_eq!(words(&store, "vxworks 系统"), Vec::<String>::new());
    assert_eq!(words(&store, "sqq123"), Vec::<String>::new());
    assert_eq!(words(&store, "找vx"), vec!["vx".to_owned()]);
}

#[test]
fn a_hit_points_at_what_was_written() {
    let store = fixture();
    let c = check(&store, &CheckedText::work("春茶", "好喝，找 Ｖ Ｘ 领券", ""), &[]).expect("check");
    let h = &c.hits[0];
    assert_eq!((h.field, h.start, h.end), (CheckedField::Text, 5, 8), "{h:?}");
    assert_eq!(h.found, "Ｖ Ｘ");
    assert!(!h.reason.is_empty() && !h.suggestion.is_empty());
    let chars: Vec<char> = "好喝，找 Ｖ Ｘ 领券".chars().collect();
    assert_eq!(chars[h.start..h.end].iter().collect::<String>(), h.found);
}

#[test]
fn the_longer_word_is_the_one_found() {
    let store = fixture();
    assert_eq!(words(&store, "全网最低价"), vec!["全网最低".to_owned()]);
}

#[test]
fn the_merchants_words_count_for_their_accounts_only() {
    let store = fixture();
    words::add(
        &store,
        &NewWord {
            word: "竞品茶".into(),
            category: WordCategory::Custom,
            severity: Severity::Block,
            reason: "不提竞品".into(),
            account_id: None,
        },
    )
    .expect("added");
    words::add(
        &store,
        &NewWord {
            word: "门店价".into(),
            category: WordCategory::Promise,
            severity: Severity::Warn,
            reason: String::new(),
            account_id: Some("a-nopub".into()),
        },
    )
    .expect("added for one account");
    assert_eq!(words(&store, "比竞 品 茶好喝"), vec!["竞品茶".to_owned()]);
    assert_eq!(hits(&store, "门店价十元", &["a-ok"]), vec![]);
    let own = check(&store, &title("门店价十元"), &["a-nopub".to_owned()]).expect("check");
    assert_eq!(own.hits.len(), 1);
    assert_eq!(own.hits[0].account_id.as_deref(), Some("a-nopub"));
    assert!(own.hits[0].own);
    assert!(!own.hits[0].reason.is_empty(), "the category's reason stands in");

    // Listed again for the same scope: updated in place, not twice.
    let again = NewWord {
        word: "竞品茶".into(),
        category: WordCategory::Custom,
        severity: Severity::Warn,
        reason: String::new(),
        account_id: None,
    };
    words::add(&store, &again).expect("updated");
    assert_eq!(words::own(&store).expect("own").len(), 2);
    assert_eq!(hits(&store, "竞品茶", &[])[0].2, Severity::Warn);
    words::remove_word(&store, "竞 品 茶", None).expect("removed, disguised or not");
    assert_eq!(words(&store, "竞品茶"), Vec::<String>::new());
}

#[test]
fn a_word_without_letters_or_too_long_or_for_an_unknown_account_is_refused() {
    let store = fixture();
    let w = |word: &str, account: Option<&str>| NewWord {
        word: word.into(),
        category: WordCategory::Custom,
        severity: Severity::Block,
        reason: String::new(),
        account_id: account.map(str::to_owned),
    };
    for (word, account, rule) in [
        ("  ", None, "word_empty"),
        ("！？—", None, "word_no_letters"),
        (&"长".repeat(31), None, "word_too_long"),
        ("竞品", Some("a-nobody"), "account_unknown"),
    ] {
        match words::add(&store, &w(word, account)) {
            Err(CoreError::Rule { rule: r, .. }) => assert_eq!(r, rule, "{word:?}"),
            other => panic!("{word:?}: {other:?}"),
        }
    }
    assert!(words::own(&store).expect("own").is_empty());
}

#[test]
fn blocks_stop_and_warnings_need_a_tick() {
    let store = fixture();
    let blocked = check(&store, &title("国家级春茶"), &[]).expect("check");
    let warned = check(&store, &title("顶级春茶"), &[]).expect("check");
    let rule = |r: CoreResult<()>| match r {
        Err(CoreError::Rule { rule, .. }) => rule,
        other => panic!("{other:?}"),
    };
    assert_eq!(rule(verdict(&blocked, true)), "content_blocked");
    assert_eq!(rule(verdict(&warned, false)), "content_warned");
    assert!(verdict(&warned, true).is_ok());
}

#[test]
fn words_go_out_and_come_back_as_csv_in_either_language_and_encoding() {
    let dir = tempfile::tempdir().expect("dir");
    let store = fixture();
    for (word, account) in [("竞品茶", None), ("门店价", Some("a-nopub"))] {
        words::add(
            &store,
            &NewWord {
                word: word.into(),
                category: WordCategory::Custom,
                severity: Severity::Warn,
                reason: "原因".into(),
                account_id: account.map(str::to_owned),
            },
        )
        .expect("added");
    }
    let path = dir.path().join("words.csv");
    assert_eq!(words::export_csv(&store, "zh-CN", &path).expect("exported"), 2);
    let bytes = std::fs::read(&path).expect("file");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "Excel reads it as UTF-8");
    assert!(
        String::from_utf8_lossy(&bytes).contains("gg_nopub1"),
        "the account by its Guangguang ID"
    );

    let other = fixture();
    let done = words::import_csv(&other, &path).expect("imported");
    assert_eq!((done.added, done.updated, done.refused.len()), (2, 0, 0), "{done:?}");
    let back = words::own(&other).expect("own");
    assert!(back
        .iter()
        .any(|w| w.word == "门店价" && w.account_id.as_deref() == Some("a-nopub")));
    assert!(back.iter().all(|w| w.severity == Severity::Warn && w.reason == "原因"));

    // As Excel saves on a Chinese Windows: GB18030, English headers, a bad line among good ones.
    let text = "word,severity,category\n夸大词,block,absolute\n坏行,maybe,\n,,\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let gbk_path = dir.path().join("gbk.csv");
    std::fs::write(&gbk_path, &gbk).expect("file");
    let done = words::import_csv(&other, &gbk_path).expect("imported");
    assert_eq!((done.added, done.updated), (1, 0), "{done:?}");
    assert_eq!(done.refused.len(), 1);
    assert_eq!(done.refused[0].0, 3, "the line number, counting the header");
    assert!(words::own(&other)
        .expect("own")
        .iter()
        .any(|w| w.word == "夸大词" && w.category == WordCategory::Absolute));
}

#[test]
fn any_text_gives_hits_that_point_inside_it() {
    // Hostile input as people paste it: emoji, combining marks, full-width forms, traditional
    // characters, control characters, words cut in two. Every hit must point at characters of
    // the field, and say what is there.
    use rand::{Rng, SeedableRng};
    let store = fixture();
    let pieces = [
        "国家级",
        "國家級",
        "第一",
        "第",
        "一",
        "ＶＸ",
        "v",
        "x",
        "加",
        "微",
        "信",
        "❤",
        "👍🏽",
        "e\u{301}",
        "\u{200d}",
        "\u{0}",
        " ",
        "　",
        "%",
        "１００",
        "最",
        "好",
        "近",
        "全网",
        "最低价",
        "\n",
        "qq",
        "Q",
        "糖",
        "ß",
        "İ",
    ];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for _ in 0..2_000 {
        let n = rng.gen_range(0..24);
        let text: String = (0..n).map(|_| pieces[rng.gen_range(0..pieces.len())]).collect();
        let chars: Vec<char> = text.chars().collect();
        let check = check(&store, &CheckedText::comment(&text), &[]).expect("check");
        for h in &check.hits {
            assert!(h.start < h.end && h.end <= chars.len(), "{text:?}: {h:?}");
            assert_eq!(chars[h.start..h.end].iter().collect::<String>(), h.found, "{text:?}");
        }
    }
}
