//! The command line (clap). Accounts are named by Guangguang ID, works by platform id.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
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

#[derive(Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    Publish,
    Interact,
}

impl From<ScopeArg> for mdesk_platform_api::Scope {
    fn from(s: ScopeArg) -> Self {
        match s {
            ScopeArg::Publish => Self::Publish,
            ScopeArg::Interact => Self::Interact,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TagArg {
    Staff,
    Store,
    BrandPersona,
    Other,
}

impl From<TagArg> for mdesk_platform_api::Tag {
    fn from(t: TagArg) -> Self {
        match t {
            TagArg::Staff => Self::Staff,
            TagArg::Store => Self::Store,
            TagArg::BrandPersona => Self::BrandPersona,
            TagArg::Other => Self::Other,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PrivacyArg {
    Public,
    Private,
}

impl From<PrivacyArg> for mdesk_platform_api::Privacy {
    fn from(p: PrivacyArg) -> Self {
        match p {
            PrivacyArg::Public => Self::Public,
            PrivacyArg::Private => Self::Private,
        }
    }
}

#[derive(Subcommand)]
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
    /// Works, from the local database.
    Works {
        /// Only this account (Guangguang ID).
        #[arg(long)]
        account: Option<String>,
        /// pending | approved | rejected
        #[arg(long)]
        review: Option<mdesk_platform_api::ReviewStatus>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
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
    /// Invite an account by Guangguang ID and its registered phone.
    Invite {
        guangguang_id: String,
        #[arg(long)]
        phone: String,
        #[arg(long, value_enum, default_value = "other")]
        tag: TagArg,
    },
    /// Invitations: the platform's, and invites still on their way or refused.
    Invitations,
    /// Change an account's type (staff, store, brand persona, other).
    Tag {
        guangguang_id: String,
        #[arg(value_enum)]
        tag: TagArg,
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
    /// Publish a work as an account.
    Publish {
        guangguang_id: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        text: Option<String>,
        #[arg(long, value_delimiter = ',')]
        products: Vec<String>,
        #[arg(long)]
        private: bool,
    },
    Edit {
        work_id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        text: Option<String>,
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
        #[arg(value_enum)]
        privacy: PrivacyArg,
    },
    Comment {
        work_id: String,
        text: String,
        /// Speak as this account (Guangguang ID; default the work's own).
        #[arg(long = "as")]
        as_account: Option<String>,
    },
    Reply {
        work_id: String,
        comment_id: String,
        text: String,
        #[arg(long = "as")]
        as_account: Option<String>,
    },
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
}

#[derive(Subcommand)]
pub enum GrantCommand {
    Request {
        guangguang_id: String,
        #[arg(value_enum)]
        scope: ScopeArg,
    },
    Revoke {
        guangguang_id: String,
        #[arg(value_enum)]
        scope: ScopeArg,
    },
}

#[derive(Subcommand)]
pub enum PoolCommand {
    /// Replace the pool: `mdesk pool set gg10000001 p-0001,p-0002`.
    Set {
        guangguang_id: String,
        #[arg(value_delimiter = ',')]
        products: Vec<String>,
    },
}
