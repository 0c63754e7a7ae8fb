//! The command line (clap). Accounts are named by Guangguang ID, works by platform id.

use std::path::PathBuf;

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use mdesk_platform_api::{Privacy, Scope, Tag, WireEnum};

#[derive(Parser, Clone)]
#[command(
    name = "mdesk",
    version,
    about = "Matrix Desk, headless: sync, read, and queue intentions"
)]
pub struct Cli {
    /// Where the local database lives (default: the app's data directory).
    #[arg(long, global = true, env = "MDESK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Staff member recorded on the audit trail (default: the name set in the app's Settings).
    #[arg(long, global = true, env = "MDESK_STAFF")]
    pub staff: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// What `mdesk export` writes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Works,
    Dashboard,
}

/// The Works screen's filters, sort and period, as options.
#[derive(clap::Args, Clone)]
pub struct WorksArgs {
    /// Only this account (Guangguang ID).
    #[arg(long)]
    pub account: Option<String>,
    /// Review status: pending | approved | rejected
    #[arg(long, alias = "review", value_parser = wire::<mdesk_platform_api::ReviewStatus>())]
    pub status: Option<mdesk_platform_api::ReviewStatus>,
    /// included | not_included
    #[arg(long, value_parser = wire::<mdesk_platform_api::InclusionStatus>())]
    pub inclusion: Option<mdesk_platform_api::InclusionStatus>,
    /// Topic status: pending | joined | not_joined
    #[arg(long, value_parser = wire::<mdesk_platform_api::TopicStatus>())]
    pub topic: Option<mdesk_platform_api::TopicStatus>,
    /// video | image_text
    #[arg(long = "type", value_parser = wire::<mdesk_platform_api::WorkKind>())]
    pub kind: Option<mdesk_platform_api::WorkKind>,
    /// Account type: staff | store | brand_persona | other
    #[arg(long, value_parser = wire::<Tag>())]
    pub tag: Option<Tag>,
    /// The accounts' local group.
    #[arg(long)]
    pub group: Option<String>,
    /// public | private
    #[arg(long, value_parser = wire::<Privacy>())]
    pub privacy: Option<Privacy>,
    /// Only pinned (true) or only not pinned (false) works.
    #[arg(long)]
    pub pinned: Option<bool>,
    /// Published on or after this local day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this local day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Part of the title or text, e.g. 新品.
    #[arg(long)]
    pub search: Option<String>,
    /// Sort by this metric over the period, largest first (default: newest first).
    #[arg(long, value_parser = wire::<mdesk_ipc::Metric>())]
    pub sort: Option<mdesk_ipc::Metric>,
    /// Smallest (or oldest) first.
    #[arg(long)]
    pub asc: bool,
    /// The days the numbers cover: 7d | 30d | 90d | Nd | FROM..TO (YYYY-MM-DD).
    #[arg(long, default_value = "30d", value_parser = parse_period)]
    pub period: mdesk_ipc::Period,
}

/// `30d` → the last 30 days of data; `2026-10-01..2026-10-31` → those days.
pub fn parse_period(text: &str) -> Result<mdesk_ipc::Period, String> {
    if let Some((from, to)) = text.split_once("..") {
        return Ok(mdesk_ipc::Period::Range {
            from: from.trim().to_owned(),
            to: to.trim().to_owned(),
        });
    }
    text.trim()
        .strip_suffix('d')
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n > 0)
        .map(|days| mdesk_ipc::Period::Last { days })
        .ok_or_else(|| format!("{text:?}: expected 7d, 30d, 90d (any Nd) or FROM..TO"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    /// One round: deliver, then pull.
    Once,
    /// Rounds until nothing is left to deliver.
    UntilIdle,
    /// Keep syncing every 30 seconds.
    Watch,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

/// Parses one of a state enum's wire names (`brand_persona`; `brand-persona` too, as earlier
/// versions spelled it); `--help` lists them.
#[derive(Clone)]
struct Wire<T>(PhantomData<T>);

fn wire<T: WireEnum>() -> Wire<T> {
    Wire(PhantomData)
}

impl<T: WireEnum> TypedValueParser for Wire<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, _: Option<&clap::Arg>, value: &OsStr) -> Result<T, clap::Error> {
        let names: Vec<&str> = T::all().iter().map(|v| v.wire_name()).collect();
        let given = value.to_string_lossy();
        given
            .replace('-', "_")
            .parse()
            .map_err(|e: mdesk_platform_api::UnknownName| {
                clap::Error::raw(
                    clap::error::ErrorKind::InvalidValue,
                    format!("{e}; use one of: {}\n", names.join(", ")),
                )
                .with_cmd(cmd)
            })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::all().iter().map(|v| PossibleValue::new(v.wire_name()))))
    }
}

#[derive(Subcommand, Clone)]
pub enum Command {
    /// Sign in; tokens go to the OS keychain (or the opt-in file store).
    Login {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        username: String,
        /// Also read from MDESK_PASSWORD.
        #[arg(long)]
        password: Option<String>,
    },
    /// Forget the tokens (local data stays).
    Logout,
    /// Deliver queued intentions and pull what changed.
    Sync {
        /// One round: deliver, then pull (the default).
        #[arg(long, conflicts_with_all = ["until_idle", "watch"])]
        once: bool,
        /// Rounds until nothing is left to deliver.
        #[arg(long, conflicts_with = "watch")]
        until_idle: bool,
        /// Keep syncing every 30 seconds.
        #[arg(long)]
        watch: bool,
    },
    /// The matrix accounts, from the local database.
    Accounts,
    /// Works, from the local database (offline), newest first or by a metric.
    Works {
        #[command(flatten)]
        filter: WorksArgs,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// One work: status history, daily numbers and comments (offline).
    Work {
        work_id: String,
        /// 7d | 30d | 90d | Nd | FROM..TO (YYYY-MM-DD)
        #[arg(long, default_value = "30d", value_parser = parse_period)]
        period: mdesk_ipc::Period,
    },
    /// The matrix dashboard: totals, trend, leaderboard, top works (offline).
    Dashboard {
        /// 7d | 30d | 90d | Nd | FROM..TO (YYYY-MM-DD)
        #[arg(long, default_value = "30d", value_parser = parse_period)]
        period: mdesk_ipc::Period,
        /// Order of the leaderboard and top works (default: views).
        #[arg(long, value_parser = wire::<mdesk_ipc::Metric>())]
        sort: Option<mdesk_ipc::Metric>,
        /// Leaderboard: only this account type.
        #[arg(long, value_parser = wire::<Tag>())]
        tag: Option<Tag>,
        /// Leaderboard: only this group.
        #[arg(long)]
        group: Option<String>,
    },
    /// Write the works list (with the filters) or the dashboard to a CSV or XLSX file.
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        #[arg(long, value_parser = wire::<mdesk_ipc::ExportFormat>())]
        format: mdesk_ipc::ExportFormat,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: WorksArgs,
    },
    /// The comments inbox: comments on the matrix's works, newest first (offline).
    Comments {
        /// Only fans' comments no matrix account has answered.
        #[arg(long)]
        unanswered: bool,
        /// Only comments not read on this computer.
        #[arg(long)]
        unread: bool,
        /// Only on this account's works (Guangguang ID).
        #[arg(long)]
        account: Option<String>,
        /// Only on this work.
        #[arg(long)]
        work: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Mark the comments listed as read.
        #[arg(long)]
        mark_read: bool,
    },
    /// The outbox: every action and its state.
    Actions,
    /// The audit trail.
    Audit,
    /// Queue a rejected action again.
    Retry {
        action_id: String,
    },
    /// Cancel a queued action.
    Cancel {
        action_id: String,
    },
    /// Who this desk is signed in as: the login, the role, what it may do, and whether
    /// approval is on.
    Whoami,
    /// The merchant's staff sub-accounts (changes need the owner's role).
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Team settings (owner and admin).
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Submissions for four-eyes approval, those waiting for review first.
    Reviews {
        #[arg(long, value_parser = wire::<mdesk_platform_api::SubmissionState>())]
        state: Option<mdesk_platform_api::SubmissionState>,
    },
    /// Approve submissions at the version shown here (reviewer, admin or owner; never one's own).
    Approve {
        #[arg(required = true)]
        submission_ids: Vec<String>,
        /// Say what approving would do; queue nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Send a submission back to its submitter with the reason.
    Return {
        submission_id: String,
        #[arg(long)]
        reason: String,
    },
    /// Withdraw one's own submission (pending or returned).
    Withdraw {
        submission_id: String,
    },
    /// Invite an account by Guangguang ID and its registered phone.
    Invite {
        guangguang_id: String,
        #[arg(long)]
        phone: String,
        #[arg(long, value_parser = wire::<Tag>(), default_value = "other")]
        tag: Tag,
    },
    /// Invitations: the platform's, and invites still on their way or refused.
    Invitations,
    /// Change an account's type (staff, store, brand persona, other).
    Tag {
        guangguang_id: String,
        #[arg(value_parser = wire::<Tag>())]
        tag: Tag,
    },
    /// Cancel a pending invitation.
    CancelInvite {
        invitation_id: String,
    },
    /// Request or revoke a permission.
    Grant {
        #[command(subcommand)]
        command: GrantCommand,
    },
    /// Unbind an account (revokes every permission).
    Unbind {
        guangguang_id: String,
    },
    /// Product pool.
    Pool {
        #[command(subcommand)]
        command: PoolCommand,
    },
    /// Shop card on the account's homepage.
    ShopCard {
        #[arg(value_enum)]
        state: OnOff,
        guangguang_id: String,
    },
    /// Publish one work as one or more accounts (one action each); the files are copied into
    /// the data folder and uploaded by `mdesk sync`.
    Publish {
        /// The accounts' Guangguang IDs.
        #[arg(required = true)]
        guangguang_ids: Vec<String>,
        /// video | image_text
        #[arg(long = "type", value_parser = wire::<mdesk_platform_api::WorkKind>())]
        kind: mdesk_platform_api::WorkKind,
        /// The video, or 1-9 images in order.
        #[arg(long, num_args = 1.., required = true)]
        media: Vec<std::path::PathBuf>,
        /// A cover image.
        #[arg(long, conflicts_with = "cover_frame_ms")]
        cover: Option<std::path::PathBuf>,
        /// A video's cover: the frame this many milliseconds in.
        #[arg(long)]
        cover_frame_ms: Option<u64>,
        #[arg(long)]
        title: String,
        #[arg(long)]
        text: Option<String>,
        /// A topic (话题), e.g. #好物分享.
        #[arg(long)]
        topic: Option<String>,
        /// Product IDs from each account's pool.
        #[arg(long, value_delimiter = ',')]
        products: Vec<String>,
        /// Publish at this time (RFC 3339, e.g. 2026-12-01T09:00:00+08:00); the platform holds it until then.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        private: bool,
        /// Only say, per account, what would be sent or why not.
        #[arg(long)]
        dry_run: bool,
        /// Go ahead despite the content check's warnings (blocked words are never sent).
        #[arg(long)]
        accept_warnings: bool,
    },
    /// Edit a work (it goes back to review); options left out stay as they are.
    Edit {
        work_id: String,
        /// Go ahead despite the content check's warnings.
        #[arg(long)]
        accept_warnings: bool,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        text: Option<String>,
        /// The work's products, replacing the old ones (empty for none).
        #[arg(long, value_delimiter = ',')]
        products: Option<Vec<String>>,
        /// A new topic; an empty one removes it.
        #[arg(long)]
        topic: Option<String>,
    },
    Delete {
        work_id: String,
    },
    Pin {
        work_id: String,
    },
    Unpin {
        work_id: String,
    },
    Privacy {
        work_id: String,
        #[arg(value_parser = wire::<Privacy>())]
        privacy: Privacy,
    },
    Comment {
        work_id: String,
        text: String,
        /// Speak as this account (Guangguang ID; default the work's own).
        #[arg(long = "as")]
        as_account: Option<String>,
        /// Go ahead despite the content check's warnings.
        #[arg(long)]
        accept_warnings: bool,
    },
    Reply {
        work_id: String,
        comment_id: String,
        text: String,
        #[arg(long = "as")]
        as_account: Option<String>,
        /// Go ahead despite the content check's warnings.
        #[arg(long)]
        accept_warnings: bool,
    },
    /// The content check (内容检查) of copy as it would go out: exits 3 when a word is blocked.
    CheckText {
        /// The text (a work's text, a comment or a reply).
        text: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        /// As these accounts (Guangguang IDs): their own words count too.
        #[arg(long = "account")]
        accounts: Vec<String>,
    },
    /// The merchant's own content-check words (Settings → 内容检查).
    Words {
        #[command(subcommand)]
        command: WordsCommand,
    },
    /// The material library (素材库): every file published from this desk and each use.
    Media {
        /// Part of a file name, an account's nickname or a work's title.
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Account health (账号健康): the accounts that need attention, and why.
    Health,
    Like {
        work_id: String,
        #[arg(long = "as")]
        as_account: Option<String>,
    },
    Unlike {
        work_id: String,
        #[arg(long = "as")]
        as_account: Option<String>,
    },
    /// Like a comment as the account whose work it is on (`--undo` takes the like back).
    LikeComment {
        comment_id: String,
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Subcommand, Clone)]
pub enum WordsCommand {
    /// The own words (every account's first, then each account's), and the shipped list's size.
    List,
    /// Add a word, or change how a listed one counts.
    Add {
        word: String,
        #[arg(long, value_parser = wire::<mdesk_ipc::Severity>(), default_value = "block")]
        severity: mdesk_ipc::Severity,
        /// absolute | diversion | medical | promise | custom
        #[arg(long, value_parser = wire::<mdesk_ipc::WordCategory>(), default_value = "custom")]
        category: mdesk_ipc::WordCategory,
        /// Why, in a sentence the staff will read.
        #[arg(long, default_value = "")]
        reason: String,
        /// For this account only (Guangguang ID).
        #[arg(long)]
        account: Option<String>,
    },
    Remove {
        word: String,
        #[arg(long)]
        account: Option<String>,
    },
    /// Add or update the words of a CSV file (columns word, category, severity, reason, account).
    Import { file: PathBuf },
    /// Write the own words to a CSV file.
    Export { file: PathBuf },
}

#[derive(Subcommand, Clone)]
pub enum GrantCommand {
    Request {
        guangguang_id: String,
        #[arg(value_parser = wire::<Scope>())]
        scope: Scope,
    },
    Revoke {
        guangguang_id: String,
        #[arg(value_parser = wire::<Scope>())]
        scope: Scope,
    },
}

#[derive(Subcommand, Clone)]
pub enum StaffCommand {
    /// The team: login, name, role, whether disabled.
    List,
    /// Add a staff member, who then signs in as `merchant:NAME`. The password comes from
    /// MDESK_STAFF_PASSWORD, or is asked for without echo.
    Add {
        name: String,
        #[arg(long, value_parser = wire::<mdesk_platform_api::Role>())]
        role: mdesk_platform_api::Role,
        /// What the team calls them (the audit trail shows it); defaults to NAME.
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Give a staff member another role.
    Role {
        name: String,
        #[arg(value_parser = wire::<mdesk_platform_api::Role>())]
        role: mdesk_platform_api::Role,
    },
    /// Set a new password (MDESK_STAFF_PASSWORD, or asked for); signs the person out.
    ResetPassword { name: String },
    /// Disable a staff member: their desks are signed out at once.
    Disable { name: String },
    /// Enable a disabled staff member again.
    Enable { name: String },
}

#[derive(Subcommand, Clone)]
pub enum SettingsCommand {
    /// Four-eyes approval: `on` makes every operator's work wait for a second person.
    Approval {
        #[arg(value_enum)]
        state: OnOff,
    },
}

#[derive(Subcommand, Clone)]
pub enum PoolCommand {
    /// Replace the pool: `mdesk pool set gg10000001 p-0001,p-0002`.
    Set {
        guangguang_id: String,
        #[arg(value_delimiter = ',')]
        products: Vec<String>,
    },
}
