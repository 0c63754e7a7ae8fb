//! The command line (clap). Accounts are named by Guangguang ID, works by platform id.

use std::path::PathBuf;

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use mdesk_platform_api::{Privacy, Scope, Tag, WireEnum};

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
        #[arg(long, value_parser = wire::<mdesk_platform_api::ReviewStatus>())]
        review: Option<mdesk_platform_api::ReviewStatus>,
        /// Part of the title or text, e.g. 新品 (works offline).
        #[arg(long)]
        search: Option<String>,
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
        #[arg(value_parser = wire::<Privacy>())]
        privacy: Privacy,
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
        #[arg(value_parser = wire::<Scope>())]
        scope: Scope,
    },
    Revoke {
        guangguang_id: String,
        #[arg(value_parser = wire::<Scope>())]
        scope: Scope,
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
