//! Deterministic seed data: the demo matrix, and the M and L merchant-scale matrices.
//!
//! Content (ids, names, phones, states, numbers) depends only on the seed and its value;
//! timestamps are laid out relative to the moment of seeding so "the last 30 days" is now.

use chrono::{DateTime, Duration, Utc};
use mdesk_platform_api::{
    BindingState, GrantState, InclusionStatus, InvitationState, Privacy, ReviewStatus, Role, Tag, TopicStatus, WorkKind,
};
use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use rusqlite::{params, Connection};

use crate::cover::drawn_cover_url;
use crate::db::{metric_entity_id, touch_new, ts};
use crate::error::SimResult;
use crate::fans::{ACCOUNT_REPLIES, FAN_COMMENTS, FAN_NAMES, FAN_REPLIES};
use crate::vocabulary::writer;

pub const DEMO_USERNAME: &str = "demo";
pub const DEMO_PASSWORD: &str = "demo123";

/// The demo merchant's team as they sign in: (login, password), the owner first
/// (docs/teams.md). The embedded demo platform lets a person try each role.
pub const DEMO_TEAM: [(&str, &str); 5] = [
    (DEMO_USERNAME, DEMO_PASSWORD),
    ("demo:ajie", "ajie1234"),
    ("demo:xiaoli", "xiaoli123"),
    ("demo:laowang", "laowang123"),
    ("demo:xiaozhou", "xiaozhou123"),
];

/// Which data set the simulator starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Seed {
    /// An empty platform.
    None,
    /// 1 merchant, 8 matrix accounts, ~200 works, 30 days of data.
    Demo,
    /// 100 matrix accounts, 10,000 works, 90 days.
    #[value(alias = "M")]
    M,
    /// 1,000 matrix accounts, 100,000 works, 90 days.
    #[value(alias = "L")]
    L,
}

struct Size {
    accounts: usize,
    works: usize,
    days: i64,
    free_creators: usize,
}

impl Seed {
    fn size(self) -> Option<Size> {
        match self {
            Seed::None => None,
            Seed::Demo => Some(Size {
                accounts: 8,
                works: 200,
                days: 30,
                free_creators: 20,
            }),
            Seed::M => Some(Size {
                accounts: 100,
                works: 10_000,
                days: 90,
                free_creators: 200,
            }),
            Seed::L => Some(Size {
                accounts: 1_000,
                works: 100_000,
                days: 90,
                free_creators: 2_000,
            }),
        }
    }
}

const SURNAMES: &[&str] = &["林", "陈", "王", "张", "李", "周", "吴", "赵", "孙", "何", "郭", "罗"];
const GIVEN: &[&str] = &[
    "小满", "一禾", "晓晴", "子墨", "安然", "思远", "若溪", "星辰", "暖暖", "青青", "嘉禾", "明月",
];
const CITIES: &[&str] = &[
    "杭州西湖",
    "上海静安",
    "北京三里屯",
    "成都太古里",
    "广州天河",
    "深圳南山",
    "南京新街口",
    "苏州观前",
];
const PERSONAS: &[&str] = &[
    "青禾小厨娘",
    "青禾穿搭日记",
    "青禾好物研究所",
    "青禾家居灵感",
    "青禾美妆课堂",
];
const PRODUCTS: &[&str] = &[
    "有机燕麦片 1kg",
    "手冲咖啡礼盒",
    "原木砧板套装",
    "亚麻桌布",
    "陶瓷马克杯",
    "竹纤维毛巾",
    "冻干草莓脆",
    "云南小粒咖啡豆",
    "玻璃保鲜盒 4件套",
    "纯棉家居服",
    "香薰蜡烛",
    "便携保温杯",
];
pub(crate) const TOPICS: &[&str] = &["#好物分享", "#居家生活", "#早餐打卡", "#开箱测评"];
const REJECT_REASONS: &[&str] = &["封面含有二维码", "标题含有绝对化用语", "画面模糊,请重新上传"];
/// Fan comments per public approved work, drawn uniformly: about a quarter get none.
const COMMENTS_PER_WORK: &[usize] = &[0, 0, 1, 1, 2, 2, 3, 4];
/// The most fan comments a seeded viral work gets.
const MOST_COMMENTS: usize = 150;
/// "threads" in ASCII: any constant would do, this one says what it is for.
const THREADS_STREAM: u64 = 0x0074_6872_6561_6473;
/// "words" in ASCII: titles and texts draw from their own stream.
const WORDS_STREAM: u64 = 0x0000_0077_6f72_6473;
/// Share of the merchant's matrix accounts (at M and L) that have published nothing yet.
const IDLE_ACCOUNTS_PERCENT: usize = 5;
/// How steeply works concentrate on the busiest accounts (Zipf's exponent): at L the busiest
/// has thousands of works, most have a handful.
const ACCOUNT_SPREAD: f64 = 1.2;

/// In which order the change feed carries the seeded entities. The contract promises only an
/// ascending `seq`; a platform may interleave kinds any way it likes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedOrder {
    /// Each work followed by its daily numbers and comments, works in no particular order of
    /// time: the newest work may come last.
    #[default]
    Interleaved,
    /// Every work first, then every daily number and comment.
    WorksFirst,
}

/// The demo merchant's team (and one of the rival's), signing in as `merchant:name`
/// (docs/platform-api.md, "Teams").
const STAFF: [(&str, &str, &str, Role, &str); 5] = [
    ("demo", "ajie", "阿杰", Role::Admin, "ajie1234"),
    ("demo", "xiaoli", "小李", Role::Operator, "xiaoli123"),
    ("demo", "laowang", "老王", Role::Reviewer, "laowang123"),
    ("demo", "xiaozhou", "小周", Role::Analyst, "xiaozhou123"),
    ("rival", "xiaohe", "小何", Role::Operator, "xiaohe123"),
];

/// Fills an empty database. Idempotent only in the sense that it refuses a non-empty one.
pub fn seed(conn: &mut Connection, seed: Seed, seed_value: u64, order: FeedOrder, now: DateTime<Utc>) -> SimResult<()> {
    let Some(size) = seed.size() else {
        return Ok(());
    };
    let existing: i64 = conn.query_row("SELECT COUNT(*) FROM merchant", [], |r| r.get(0))?;
    if existing > 0 {
        return Ok(());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed_value);
    // Topic statuses and comment threads draw from their own stream, so adding them left every
    // other seeded value (ids, phones, states, numbers) as it was for the same seed value.
    let mut threads = ChaCha8Rng::seed_from_u64(seed_value ^ THREADS_STREAM);
    let tx = conn.transaction()?;
    let now_s = ts(now);

    let merchants = [
        (
            "m-demo",
            DEMO_USERNAME,
            DEMO_PASSWORD,
            "青禾生活",
            "青禾生活旗舰店",
            true,
        ),
        ("m-rival", "rival", "rival123", "木森家居", "木森家居官方店", true),
        ("m-nowl", "nowl", "nowl123", "小林杂货", "小林杂货铺", false),
    ];
    for (id, user, pw, nm, shop, wl) in merchants {
        tx.execute(
            "INSERT INTO merchant (id, username, password, name, shop_name, whitelisted) VALUES (?1,?2,?3,?4,?5,?6)",
            params![id, user, crate::password::hash(pw), nm, shop, wl],
        )?;
        touch_new(&tx, id, "merchant", id)?;
    }
    for (merchant, name, display, role, pw) in STAFF {
        let id = format!("s-{merchant}-{name}");
        tx.execute(
            "INSERT INTO staff (id, merchant_id, name, display_name, role, password, disabled, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
            params![
                id,
                format!("m-{merchant}"),
                name,
                display,
                role,
                crate::password::hash(pw),
                now_s
            ],
        )?;
        touch_new(&tx, &format!("m-{merchant}"), "staff", &id)?;
    }

    for (i, title) in PRODUCTS.iter().enumerate() {
        let id = format!("p-{:04}", i + 1);
        let price = rng.gen_range(1_900..39_900);
        tx.execute(
            "INSERT INTO product (id, merchant_id, title, price_cents, image_url) VALUES (?1, 'm-demo', ?2, ?3, NULL)",
            params![id, title, price],
        )?;
        touch_new(&tx, "m-demo", "product", &id)?;
    }

    // Creators: the demo merchant's matrix, the rival's, and free ones that can be invited.
    let total = size.accounts + 2 + size.free_creators;
    let mut creators = Vec::with_capacity(total);
    for i in 0..total {
        let id = format!("c-{:06}", i + 1);
        let gg = format!("gg{:08}", 10_000_000 + i * 7 + rng.gen_range(0..7));
        let phone = format!("13{}{:08}", rng.gen_range(0..10), rng.gen_range(0..100_000_000u32));
        let tag = match i % 4 {
            0 => Tag::Staff,
            1 => Tag::Store,
            2 => Tag::BrandPersona,
            _ => Tag::Other,
        };
        let nickname = match tag {
            Tag::Staff => format!("{}{}·青禾", SURNAMES[i % SURNAMES.len()], GIVEN[(i / 3) % GIVEN.len()]),
            Tag::Store => format!("青禾生活·{}店", CITIES[(i / 4) % CITIES.len()]),
            Tag::BrandPersona => PERSONAS[(i / 4) % PERSONAS.len()].to_owned(),
            Tag::Other => format!(
                "{}{}的小店日常",
                SURNAMES[(i + 5) % SURNAMES.len()],
                GIVEN[(i + 2) % GIVEN.len()]
            ),
        };
        // Nicknames repeat across merchants, as on the platform: the rival's two accounts and
        // every tenth free creator carry a name one of the demo merchant's accounts has too.
        let nickname = if i < size.accounts || i < size.accounts + 2 || i % 10 == 0 {
            nickname
        } else {
            format!("{nickname}{i}")
        };
        tx.execute(
            "INSERT INTO creator (id, guangguang_id, nickname, phone, avatar_url) VALUES (?1, ?2, ?3, ?4, NULL)",
            params![id, gg, nickname, phone],
        )?;
        creators.push((id, gg, phone, tag, nickname));
    }

    // The demo merchant's matrix: grants cycle through every state so each one is on screen.
    let grant_cycle = [
        (GrantState::Granted, GrantState::Granted),
        (GrantState::Granted, GrantState::Requested),
        (GrantState::Requested, GrantState::None),
        (GrantState::Declined, GrantState::Granted),
        (GrantState::Revoked, GrantState::Revoked),
        (GrantState::Granted, GrantState::Declined),
        (GrantState::None, GrantState::None),
        (GrantState::Granted, GrantState::Granted),
    ];
    let mut demo_accounts = Vec::new();
    for (i, (cid, _, _, tag, nickname)) in creators.iter().take(size.accounts).enumerate() {
        let id = format!("a-{:06}", i + 1);
        let (publish, interact) = grant_cycle[i % grant_cycle.len()];
        let bound_at = now - Duration::days(size.days + 10 + (i as i64 % 20));
        let grant_at = |g: GrantState| (g != GrantState::None).then(|| ts(bound_at + Duration::days(1)));
        tx.execute(
            "INSERT INTO account (id, merchant_id, creator_id, tag, binding_state, bound_at, publish_state, \
             publish_updated_at, interact_state, interact_updated_at, shop_card, updated_at) \
             VALUES (?1, 'm-demo', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                cid,
                tag,
                BindingState::Bound,
                ts(bound_at),
                publish,
                grant_at(publish),
                interact,
                grant_at(interact),
                i % 3 != 2,
                now_s
            ],
        )?;
        if publish == GrantState::Granted {
            for p in 0..(1 + i % 4) {
                tx.execute(
                    "INSERT INTO pool_entry (account_id, product_id) VALUES (?1, ?2)",
                    params![id, format!("p-{:04}", (i + p * 3) % PRODUCTS.len() + 1)],
                )?;
            }
        }
        touch_new(&tx, "m-demo", "account", &id)?;
        demo_accounts.push(SeedAccount {
            id,
            nickname: nickname.clone(),
        });
    }
    for (k, (cid, _, _, tag, _)) in creators.iter().skip(size.accounts).take(2).enumerate() {
        let id = format!("a-r{:05}", k + 1);
        tx.execute(
            "INSERT INTO account (id, merchant_id, creator_id, tag, binding_state, bound_at, shop_card, updated_at) \
             VALUES (?1, 'm-rival', ?2, ?3, ?4, ?5, 1, ?5)",
            params![id, cid, tag, BindingState::Bound, now_s],
        )?;
        touch_new(&tx, "m-rival", "account", &id)?;
    }

    // One pending invitation to a free creator.
    if let Some((cid, _, phone, _, _)) = creators.get(size.accounts + 2) {
        let masked = format!("{}****{}", &phone[..3], &phone[7..]);
        tx.execute(
            "INSERT INTO invitation (id, merchant_id, creator_id, phone_masked, tag, state, created_at, expires_at, updated_at) \
             VALUES ('i-000001', 'm-demo', ?1, ?2, ?3, ?4, ?5, ?6, ?5)",
            params![
                cid,
                masked,
                Tag::Store,
                InvitationState::Pending,
                ts(now - Duration::days(1)),
                ts(now + Duration::days(6))
            ],
        )?;
        touch_new(&tx, "m-demo", "invitation", "i-000001")?;
    }

    let spread = if seed == Seed::Demo {
        Spread::RoundRobin
    } else {
        Spread::Uneven
    };
    let mut words = ChaCha8Rng::seed_from_u64(seed_value ^ WORDS_STREAM);
    seed_works(
        &tx,
        Streams {
            main: &mut rng,
            threads: &mut threads,
            words: &mut words,
        },
        &demo_accounts,
        &size,
        spread,
        order,
        now,
    )?;
    tx.commit()?;
    Ok(())
}

/// A demo matrix account, as its works' replies are signed.
struct SeedAccount {
    id: String,
    nickname: String,
}

/// A seeded comment, before it is written.
struct SeedComment {
    id: String,
    parent_id: Option<String>,
    author_name: String,
    author_account_id: Option<String>,
    text: &'static str,
    like_count: i64,
    created_at: DateTime<Utc>,
}

fn pick<'a>(rng: &mut ChaCha8Rng, from: &[&'a str]) -> &'a str {
    from[rng.gen_range(0..from.len())]
}

/// Where a seeded work's topic stands: approved works mostly joined, a few not, and a recent
/// one may still wait; works in review wait; rejected works are not taken into the topic.
fn seed_topic_status(rng: &mut ChaCha8Rng, review: ReviewStatus, age_days: i64) -> TopicStatus {
    match review {
        ReviewStatus::Pending => TopicStatus::Pending,
        ReviewStatus::Rejected => TopicStatus::NotJoined,
        ReviewStatus::Approved => {
            let roll = rng.gen_range(0..100);
            if age_days < 3 && roll < 40 {
                TopicStatus::Pending
            } else if roll % 8 == 0 {
                TopicStatus::NotJoined
            } else {
                TopicStatus::Joined
            }
        }
    }
}

/// Threads under one public approved work: fans comment; the work's account answers about
/// half of them, and a fan sometimes answers back (a reply to the reply); other comments
/// get a fan's reply now and then. Times lie between publication and now, replies after
/// what they answer.
fn seed_threads(
    rng: &mut ChaCha8Rng,
    work_id: &str,
    account: &SeedAccount,
    published: DateTime<Utc>,
    popularity: f64,
    now: DateTime<Utc>,
) -> Vec<SeedComment> {
    let span = (now - published).num_minutes().max(2);
    let later =
        |rng: &mut ChaCha8Rng, after: DateTime<Utc>| (after + Duration::minutes(rng.gen_range(3..600))).min(now);
    let mut out = Vec::new();
    // Most works get a few comments; a popular one draws a crowd (long-tailed thread sizes).
    let crowd = if popularity > 3.0 {
        ((popularity - 3.0) * 2.0).min(MOST_COMMENTS as f64) as usize
    } else {
        0
    };
    let count = COMMENTS_PER_WORK[rng.gen_range(0..COMMENTS_PER_WORK.len())] + crowd;
    for _ in 0..count {
        let at = (published + Duration::minutes(rng.gen_range(1..span))).min(now);
        let root = format!("c-{work_id}-{:02}", out.len() + 1);
        out.push(SeedComment {
            id: root.clone(),
            parent_id: None,
            author_name: pick(rng, FAN_NAMES).to_owned(),
            author_account_id: None,
            text: pick(rng, FAN_COMMENTS),
            like_count: rng.gen_range(0..40),
            created_at: at,
        });
        if rng.gen_bool(0.5) {
            let answer = format!("c-{work_id}-{:02}", out.len() + 1);
            let answered_at = later(rng, at);
            out.push(SeedComment {
                id: answer.clone(),
                parent_id: Some(root),
                author_name: account.nickname.clone(),
                author_account_id: Some(account.id.clone()),
                text: pick(rng, ACCOUNT_REPLIES),
                like_count: rng.gen_range(0..10),
                created_at: answered_at,
            });
            if rng.gen_bool(0.3) {
                out.push(SeedComment {
                    id: format!("c-{work_id}-{:02}", out.len() + 1),
                    parent_id: Some(answer),
                    author_name: pick(rng, FAN_NAMES).to_owned(),
                    author_account_id: None,
                    text: pick(rng, FAN_REPLIES),
                    like_count: rng.gen_range(0..5),
                    created_at: later(rng, answered_at),
                });
            }
        } else if rng.gen_bool(0.2) {
            out.push(SeedComment {
                id: format!("c-{work_id}-{:02}", out.len() + 1),
                parent_id: Some(root),
                author_name: pick(rng, FAN_NAMES).to_owned(),
                author_account_id: None,
                text: pick(rng, FAN_REPLIES),
                like_count: rng.gen_range(0..5),
                created_at: later(rng, at),
            });
        }
    }
    out
}

/// How the seeded works are shared out among the matrix accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spread {
    /// One each in turn (the small demo: every account shows works).
    RoundRobin,
    /// Zipf-like: a few accounts have thousands, many a handful, some none.
    Uneven,
}

/// The random streams seeding draws from.
struct Streams<'r> {
    main: &'r mut ChaCha8Rng,
    threads: &'r mut ChaCha8Rng,
    words: &'r mut ChaCha8Rng,
}

/// Which account publishes each work, drawn by [`Spread`].
fn account_picker(rng: &mut ChaCha8Rng, accounts: usize, spread: Spread) -> Option<WeightedIndex<f64>> {
    if spread == Spread::RoundRobin {
        return None;
    }
    let mut ranks: Vec<usize> = (0..accounts).collect();
    ranks.shuffle(rng);
    let idle = accounts * IDLE_ACCOUNTS_PERCENT / 100;
    let weights: Vec<f64> = ranks
        .iter()
        .map(|&r| {
            if r + idle >= accounts {
                0.0
            } else {
                1.0 / ((r + 1) as f64).powf(ACCOUNT_SPREAD)
            }
        })
        .collect();
    WeightedIndex::new(weights).ok()
}

/// How much attention a work gets, relative to a typical one: log-normal, so most works sit
/// near zero and a few (about one in two hundred) go viral.
fn popularity(rng: &mut ChaCha8Rng) -> f64 {
    let normal: f64 = rng.sample(StandardNormal);
    let viral = if rng.gen_bool(0.005) { 40.0 } else { 1.0 };
    (normal * 1.3 - 0.8).exp() * viral
}

#[allow(clippy::too_many_arguments)]
fn seed_works(
    tx: &rusqlite::Transaction<'_>,
    streams: Streams<'_>,
    accounts: &[SeedAccount],
    size: &Size,
    spread: Spread,
    order: FeedOrder,
    now: DateTime<Utc>,
) -> SimResult<()> {
    let Streams {
        main: rng,
        threads,
        words,
    } = streams;
    let today = now.date_naive();
    let mut pinned_per_account = vec![0usize; accounts.len()];
    let picker = account_picker(rng, accounts.len(), spread);
    let mut insert_work = tx.prepare_cached(
        "INSERT INTO work (id, account_id, merchant_id, kind, title, text, cover_url, product_ids, privacy, pinned, \
         review_status, review_reason, inclusion_status, topic, scheduled_at, published_at, deleted, like_count, \
         comment_count, updated_at, topic_status) \
         VALUES (?1, ?2, 'm-demo', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, NULL, ?14, 0, ?15, ?16, ?17, ?18)",
    )?;
    let mut insert_comment = tx.prepare_cached(
        "INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, like_count, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut insert_metric = tx.prepare_cached(
        "INSERT INTO work_metric (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut later: Vec<(&str, String)> = Vec::new();
    let writer = writer();
    for w in 0..size.works {
        let account_ix = match &picker {
            Some(p) => p.sample(rng),
            None => w % accounts.len(),
        };
        let id = format!("w-{:07}", w + 1);
        let age_days = rng.gen_range(0..size.days);
        let published = now - Duration::days(age_days) - Duration::minutes(rng.gen_range(0..600));
        let review = match rng.gen_range(0..20) {
            0 => ReviewStatus::Rejected,
            1 | 2 if age_days < 2 => ReviewStatus::Pending,
            _ => ReviewStatus::Approved,
        };
        let reason = (review == ReviewStatus::Rejected).then(|| REJECT_REASONS[w % REJECT_REASONS.len()]);
        let included = review == ReviewStatus::Approved && rng.gen_bool(0.7);
        let pinned = review == ReviewStatus::Approved && pinned_per_account[account_ix] < 2 && rng.gen_bool(0.05);
        if pinned {
            pinned_per_account[account_ix] += 1;
        }
        let title = writer.title(words);
        let text = writer.text(words);
        let products = serde_json::json!([format!("p-{:04}", rng.gen_range(0..PRODUCTS.len()) + 1)]).to_string();
        let kind = if rng.gen_bool(0.6) {
            WorkKind::Video
        } else {
            WorkKind::ImageText
        };
        let privacy = if rng.gen_bool(0.9) {
            Privacy::Public
        } else {
            Privacy::Private
        };
        let inclusion = if included {
            InclusionStatus::Included
        } else {
            InclusionStatus::NotIncluded
        };
        let topic = rng.gen_bool(0.5).then(|| TOPICS[rng.gen_range(0..TOPICS.len())]);
        let popular = popularity(rng);
        let mut likes = 0i64;
        let mut metrics = Vec::new();
        // Numbers start on the day of publishing (nothing before), and only once approved.
        if review == ReviewStatus::Approved {
            for d in 0..=age_days {
                let date = (today - Duration::days(age_days - d)).format("%Y-%m-%d").to_string();
                let decay = 1.0 / (1.0 + d as f64 * 0.3);
                let base = if included { 1500.0 } else { 250.0 } * popular;
                let exposure = (base * decay * rng.gen_range(0.5..1.5)) as i64;
                let views = exposure * rng.gen_range(8..25) / 100;
                let interactions = views * rng.gen_range(3..12) / 100;
                let traffic = views * rng.gen_range(2..9) / 100;
                let orders = traffic * rng.gen_range(0..15) / 100;
                let amount = orders * rng.gen_range(1_900..29_900);
                likes += interactions / 2;
                metrics.push((date, [exposure, views, interactions, traffic, orders, amount]));
            }
        }
        let topic_status = topic.map(|_| seed_topic_status(threads, review, age_days));
        let account = &accounts[account_ix];
        let comments = if review == ReviewStatus::Approved && privacy == Privacy::Public {
            seed_threads(threads, &id, account, published, popular, now)
        } else {
            Vec::new()
        };
        insert_work.execute(params![
            id,
            account.id,
            kind,
            title,
            text,
            drawn_cover_url(&id),
            products,
            privacy,
            pinned,
            review,
            reason,
            inclusion,
            topic,
            ts(published),
            likes,
            comments.len() as i64,
            ts(published),
            topic_status
        ])?;
        touch_new(tx, "m-demo", "work", &id)?;
        let mut follow = |kind: &'static str, entity: String| match order {
            FeedOrder::Interleaved => touch_new(tx, "m-demo", kind, &entity),
            FeedOrder::WorksFirst => {
                later.push((kind, entity));
                Ok(())
            }
        };
        for (date, [exposure, views, interactions, traffic, orders, amount]) in metrics {
            insert_metric.execute(params![
                id,
                date,
                exposure,
                views,
                interactions,
                traffic,
                orders,
                amount
            ])?;
            follow("work_metric", metric_entity_id(&id, &date))?;
        }
        for c in comments {
            insert_comment.execute(params![
                c.id,
                id,
                c.parent_id,
                c.author_name,
                c.author_account_id,
                c.text,
                c.like_count,
                ts(c.created_at)
            ])?;
            follow("comment", c.id)?;
        }
    }
    for (kind, entity) in later {
        touch_new(tx, "m-demo", kind, &entity)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_team_signs_in_with_the_seeded_passwords() {
        // The app's "try a role" buttons sign in with DEMO_TEAM; the seed writes STAFF.
        for (merchant, name, _, _, password) in STAFF.iter().filter(|s| s.0 == "demo") {
            let login = format!("{merchant}:{name}");
            assert!(
                DEMO_TEAM.contains(&(login.as_str(), *password)),
                "{login} is in the demo team with its seeded password"
            );
        }
        assert_eq!(DEMO_TEAM[0], (DEMO_USERNAME, DEMO_PASSWORD), "the owner first");
    }
}
