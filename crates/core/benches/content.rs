//! The content check at a merchant's worst: 1,000 characters of copy (a long work text, with a
//! few risky words and disguises in it) against 10,000 listed words (the shipped list and
//! 9,742 of the merchant's own, some per account). Target: one check in at most 1 ms.
//!
//! Figures are ratios to a baseline doing the same work in the same run — looking for every
//! one of the 10,000 words in the same (already folded) text with `str::contains` — because
//! these machines are noisy. Run with `cargo bench -p mdesk-core --bench content`; the table
//! is printed and written to `target/bench/content.md` (docs/benchmarks.md records a run).

use std::time::{Duration, Instant};

use mdesk_core::content::{self, words, Checker, Entry, Source};
use mdesk_core::Store;
use mdesk_ipc::{CheckedText, NewWord, Severity, WordCategory};
use rand::{Rng, SeedableRng};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const WORDS: usize = 10_000;
const COPY_CHARS: usize = 1_000;
/// Characters merchants' own words are made of: shop, product and promotion vocabulary.
const VOCABULARY: &str = "春夏秋冬新品茶叶礼盒套装限量特价门店同款正宗原产地手工精选清香浓郁回甘口感醇厚包邮满减优惠券直播间爆款秒杀福利会员专享预售现货品牌官方旗舰自营好物推荐宝宝妈妈护肤彩妆面膜精华乳液防晒口红香水零食坚果咖啡牛奶水果生鲜家居收纳厨房清洁宠物猫狗玩具文具服饰鞋包配饰运动户外";

/// A merchant's long work text, about 1,000 characters, with some risky words and disguises.
fn copy(rng: &mut rand_chacha::ChaCha8Rng) -> String {
    let vocab: Vec<char> = VOCABULARY.chars().collect();
    let risky = [
        "国家级",
        "全网最低",
        "加 V X",
        "最好",
        "顶级",
        "美白",
        "第一次",
        "最近上新",
    ];
    let mut out = String::new();
    while out.chars().count() < COPY_CHARS {
        for _ in 0..rng.gen_range(8..20) {
            out.push(vocab[rng.gen_range(0..vocab.len())]);
        }
        out.push(if rng.gen_bool(0.3) { '！' } else { '，' });
        if rng.gen_bool(0.1) {
            out.push_str(risky[rng.gen_range(0..risky.len())]);
        }
    }
    out.chars().take(COPY_CHARS).collect()
}

/// `n` distinct merchant words, 2–6 characters each.
fn own_words(rng: &mut rand_chacha::ChaCha8Rng, n: usize) -> Vec<String> {
    let vocab: Vec<char> = VOCABULARY.chars().collect();
    let mut seen = std::collections::HashSet::new();
    while seen.len() < n {
        let len = rng.gen_range(2..=6);
        let w: String = (0..len).map(|_| vocab[rng.gen_range(0..vocab.len())]).collect();
        seen.insert(w);
    }
    let mut all: Vec<String> = seen.into_iter().collect();
    all.sort();
    all
}

fn median(runs: usize, mut f: impl FnMut() -> Result<usize>) -> Result<(Duration, usize)> {
    let mut times = Vec::with_capacity(runs);
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        n = f()?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok((times[runs / 2], n))
}

fn ratio(t: Duration, base: Duration) -> f64 {
    t.as_secs_f64() / base.as_secs_f64().max(1e-9)
}

fn main() -> Result<()> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(21);
    let text = copy(&mut rng);
    let shipped = content::shipped_entries();
    let own = own_words(&mut rng, WORDS - shipped.len());
    let mut entries = shipped.clone();
    entries.extend(own.iter().enumerate().map(|(i, w)| Entry {
        word: w.clone(),
        category: WordCategory::Custom,
        severity: if i % 3 == 0 { Severity::Block } else { Severity::Warn },
        source: Source::Own {
            reason: String::new(),
            account_id: (i % 10 == 0).then(|| format!("a-{:03}", i % 50)),
        },
        exceptions: Vec::new(),
    }));
    assert_eq!(entries.len(), WORDS);
    let built = Instant::now();
    let checker = Checker::build(entries.clone())?;
    let build_time = built.elapsed();
    let runs = 101;
    let accounts = vec!["a-007".to_owned()];

    // The baseline: every word looked for in the folded text, one `contains` each.
    let folded: String = text
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .flat_map(char::to_lowercase)
        .collect();
    let needles: Vec<String> = entries.iter().map(|e| e.word.to_lowercase()).collect();
    let (base, base_hits) = median(runs, || {
        Ok(needles.iter().filter(|w| folded.contains(w.as_str())).count())
    })?;
    let (matcher, hits) = median(runs, || Ok(checker.find(&text, &accounts).len()))?;
    assert!(hits > 0 && base_hits > 0, "the copy has risky words");

    // The screens' path: `content::check` with the 10,000 words in the database (the
    // list's version read; the automaton built once and reused while the list is unchanged).
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("bench.sqlite3"))?;
    for w in &own {
        words::add(
            &store,
            &NewWord {
                word: w.clone(),
                category: WordCategory::Custom,
                severity: Severity::Warn,
                reason: String::new(),
                account_id: None,
            },
        )?;
    }
    let copy_text = CheckedText::work("春茶上新", &text, "#好物分享");
    content::check(&store, &copy_text, &accounts)?;
    let (screen, _) = median(runs, || Ok(content::check(&store, &copy_text, &accounts)?.hits.len()))?;

    let table = format!(
        "| what ({COPY_CHARS} characters, {WORDS} words) | median | × baseline ({base:.2?}: `contains` for each word) |\n\
         |---|---|---|\n\
         | The matcher (`Checker::find`: folding, one automaton pass, exceptions, overlaps), {hits} hits | {matcher:.2?} | {:.2}× |\n\
         | The screens' call (`content::check`: the list's version read from SQLite, the automaton reused, reasons) | {screen:.2?} | {:.2}× |\n\
         | Building the automaton (once per change of the list) | {build_time:.2?} | {:.1}× |\n",
        ratio(matcher, base),
        ratio(screen, base),
        ratio(build_time, base),
    );
    println!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("content.md"), &table)?;
    assert!(
        matcher <= Duration::from_millis(1),
        "the matcher took {matcher:?} (target 1 ms)"
    );
    Ok(())
}
