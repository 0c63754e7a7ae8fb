//! `mdesk`: the same core as the app, headless — for automation and for tests.
//!
//! Intentions only enqueue (they work offline); `mdesk sync` delivers. Exit codes:
//! 0 ok · 1 unexpected failure · 2 usage · 3 refused locally (nothing queued) ·
//! 4 platform unreachable or refused a sign-in · 5 not signed in · 6 the local database is
//! damaged and could not be repaired (nothing was deleted; see docs/cli.md) · 7 the OS keychain
//! is unavailable (docs/cli.md: `MDESK_SECRET_STORE=file`).

/// Every line of output goes through [`print_line`]: a closed pipe (`mdesk works | head`)
/// ends the CLI quietly with exit code 0 instead of a panic.
macro_rules! println {
    () => {
        $crate::print_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::print_line(format_args!($($arg)*))
    };
}

mod args;
mod output;
mod safety;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use mdesk_core::outbox::{self, Backoff, Intention};
use mdesk_core::session::{self, Platform};
use mdesk_core::sync::sync_once;
use mdesk_core::{CoreError, FileSecretStore, KeyringSecretStore, PlatformClient, Secret, SecretStore, Store};

use crate::args::{
    Cli, Command, ExportWhat, GrantCommand, PoolCommand, SettingsCommand, StaffCommand, SyncMode, WorksArgs,
};
use mdesk_core::outbox::kinds;

const KEYCHAIN_SERVICE: &str = "com.matrixdesk.desktop";

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("MDESK_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mdesk: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mdesk: {}", plain_words(&e));
            ExitCode::from(exit_code(&e))
        }
    }
}

/// A full disk, a damaged database, a role's limits or a disabled staff account in plain words (Chinese when the terminal's `LANG` is,
/// else English), then the detail; other errors are already specific.
fn plain_words(e: &CoreError) -> String {
    let code = e.code();
    if !matches!(
        code,
        mdesk_ipc::ErrorCode::DiskFull
            | mdesk_ipc::ErrorCode::DatabaseDamaged
            | mdesk_ipc::ErrorCode::StaffDisabled
            | mdesk_ipc::ErrorCode::RoleForbidden
    ) {
        return e.to_string();
    }
    let lang = match std::env::var("LANG") {
        Ok(l) if l.starts_with("zh") => "zh-CN",
        _ => "en",
    };
    format!("{} ({e})", mdesk_ipc::i18n::translate(lang, code.message_key(), &[]))
}

fn print_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("mdesk: cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn exit_code(e: &CoreError) -> u8 {
    match e {
        CoreError::InvalidInput(_) | CoreError::Rule { .. } | CoreError::StaffNameMissing => 3,
        CoreError::Platform {
            code: mdesk_platform_api::ErrorCode::Unauthorized,
            ..
        } => 4,
        // Disabled by the merchant: signed out, like any sign-out.
        CoreError::Platform {
            code: mdesk_platform_api::ErrorCode::StaffDisabled,
            ..
        } => 5,
        CoreError::Platform { .. } => 3,
        CoreError::Offline(_) | CoreError::Protocol(_) => 4,
        CoreError::NotSignedIn => 5,
        CoreError::RepairFailed(_) => 6,
        CoreError::Keychain(_) => 7,
        _ => 1,
    }
}

pub(crate) struct Ctx {
    pub store: Store,
    pub secrets: Arc<dyn SecretStore>,
    pub json: bool,
    pub staff: Option<String>,
}

fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir.clone().unwrap_or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(".local/share/com.matrixdesk.desktop")
    })
}

/// The keychain, unless the user opted into the file store for a machine without one.
fn secrets(dir: &std::path::Path) -> Arc<dyn SecretStore> {
    match std::env::var("MDESK_SECRET_STORE").as_deref() {
        Ok("file") => {
            eprintln!(
                "mdesk: keeping tokens in {} (owner-only file), as MDESK_SECRET_STORE=file asks",
                dir.join("secrets.json").display()
            );
            Arc::new(FileSecretStore::new(dir.join("secrets.json")))
        }
        _ => Arc::new(KeyringSecretStore::new(KEYCHAIN_SERVICE)),
    }
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    let dir = data_dir(&cli);
    std::fs::create_dir_all(&dir)?;
    let store = Store::open(&dir.join("matrix-desk.sqlite3"))?;
    let ctx = Ctx {
        store,
        secrets: secrets(&dir),
        json: cli.json,
        staff: cli.staff.clone(),
    };
    if let Some(report) = ctx.store.repaired_at_open() {
        output::recovery(&ctx, report);
    }
    // A damage found by the command itself is repaired, told, and the command runs once more
    // (a sync then downloads the platform's data from the start).
    match dispatch(&ctx, cli.command.clone()).await {
        Err(e) if e.is_damage() => {
            let report = ctx.store.repair()?;
            output::recovery(&ctx, &report);
            dispatch(&ctx, cli.command).await.map_err(unrepaired)
        }
        other => other,
    }
}

/// A damage still there after a repair: exit code 6.
fn unrepaired(e: CoreError) -> CoreError {
    if e.is_damage() {
        CoreError::RepairFailed(e.to_string())
    } else {
        e
    }
}

async fn dispatch(ctx: &Ctx, command: Command) -> Result<(), CoreError> {
    match command {
        Command::Login {
            platform,
            username,
            password,
        } => {
            let password = match (password, std::env::var("MDESK_PASSWORD").ok()) {
                (Some(p), _) => {
                    eprintln!(
                        "mdesk: warning: a password on the command line can be seen by other users of this \
                         computer and stays in the shell's history; set MDESK_PASSWORD, or leave both out to be asked"
                    );
                    Secret::new(p)
                }
                (None, Some(p)) => Secret::new(p),
                (None, None) => Secret::new(
                    rpassword::prompt_password(format!("Password for {username}: ")).map_err(|e| {
                        CoreError::InvalidInput(format!("cannot ask for the password here ({e}); set MDESK_PASSWORD"))
                    })?,
                ),
            };
            let platform = Platform::remote(&platform)?;
            let s = session::sign_in(&ctx.store, ctx.secrets.as_ref(), &platform, &username, &password).await?;
            mdesk_core::settings::set_platform_url(&ctx.store, Some(&platform.endpoint))?;
            output::line(
                ctx,
                &format!("signed in as {} ({})", s.username, s.merchant_id),
                &serde_json::json!({"merchant_id": s.merchant_id}),
            );
            Ok(())
        }
        Command::Logout => session::sign_out(&ctx.store, ctx.secrets.as_ref()),
        Command::Sync {
            once: _,
            until_idle,
            watch,
        } => {
            let mode = if watch {
                SyncMode::Watch
            } else if until_idle {
                SyncMode::UntilIdle
            } else {
                SyncMode::Once
            };
            sync(ctx, mode).await
        }
        Command::Accounts => output::accounts(ctx, &mdesk_core::accounts::list(&ctx.store)?),
        Command::Works { filter, limit, offset } => {
            let mut q = works_query(ctx, filter)?;
            q.limit = limit.clamp(1, mdesk_core::works::MAX_PAGE);
            q.offset = offset;
            let total = mdesk_core::works::count(&ctx.store, &q)?;
            output::works(ctx, &mdesk_core::works::list(&ctx.store, &q)?, total)
        }
        Command::Work { work_id, period } => {
            output::work(ctx, &mdesk_core::works::detail(&ctx.store, &work_id, &period)?)
        }
        Command::Dashboard {
            period,
            sort,
            tag,
            group,
        } => {
            let q = mdesk_ipc::DashboardQuery {
                period,
                sort,
                tag,
                group,
            };
            output::dashboard(ctx, &mdesk_core::dashboard::dashboard(&ctx.store, &q)?)
        }
        Command::Export {
            what,
            format,
            out,
            filter,
        } => {
            let lang = mdesk_core::settings::language(&ctx.store)?;
            let mut progress = |_p: mdesk_ipc::ExportProgress| {};
            let done = match what {
                ExportWhat::Works => {
                    let q = works_query(ctx, filter)?;
                    mdesk_core::works::export::export(&ctx.store, &q, format, &lang, &out, &mut progress)?
                }
                ExportWhat::Dashboard => {
                    let q = mdesk_ipc::DashboardQuery {
                        period: filter.period,
                        sort: filter.sort,
                        tag: filter.tag,
                        group: filter.group,
                    };
                    mdesk_core::dashboard::export(&ctx.store, &q, format, &lang, &out, &mut progress)?
                }
            };
            output::line(
                ctx,
                &format!("wrote {} rows to {}", done.rows, done.path),
                &serde_json::json!({"path": done.path, "rows": done.rows}),
            );
            Ok(())
        }
        Command::Comments {
            unanswered,
            unread,
            account,
            work,
            limit,
            mark_read,
        } => {
            let account_id = account
                .map(|gg| mdesk_core::accounts::id_by_guangguang(&ctx.store, &gg))
                .transpose()?;
            let q = mdesk_ipc::CommentsQuery {
                account_id,
                work_id: work,
                unanswered,
                unread,
                offset: 0,
                limit,
            };
            let rows = mdesk_core::comments::list(&ctx.store, &q)?;
            if mark_read && !rows.is_empty() {
                let ids: Vec<String> = rows.iter().map(|c| c.id.clone()).collect();
                mdesk_core::comments::mark_read(&ctx.store, &ids)?;
            }
            output::comments(ctx, &rows)
        }
        Command::Publish {
            guangguang_ids,
            kind,
            media,
            cover,
            cover_frame_ms,
            title,
            text,
            topic,
            products,
            at,
            private,
            dry_run,
            accept_warnings,
        } => {
            let path = |p: std::path::PathBuf| p.display().to_string();
            let draft = mdesk_ipc::PublishDraft {
                kind,
                title,
                text: text.unwrap_or_default(),
                topic: topic.unwrap_or_default(),
                product_ids: products,
                privacy: if private {
                    mdesk_platform_api::Privacy::Private
                } else {
                    mdesk_platform_api::Privacy::Public
                },
                media: media.into_iter().map(path).collect(),
                cover: match (cover, cover_frame_ms) {
                    (Some(c), _) => mdesk_ipc::CoverChoice::Image { path: path(c) },
                    (None, Some(ms)) => mdesk_ipc::CoverChoice::Frame { ms },
                    (None, None) => mdesk_ipc::CoverChoice::Auto,
                },
                scheduled_at: at,
                accept_warnings,
                account_ids: guangguang_ids
                    .iter()
                    .map(|gg| account(ctx, gg))
                    .collect::<Result<_, _>>()?,
            };
            let staff = staff(ctx)?;
            let plan = mdesk_core::publish::plan(&ctx.store, &staff, &draft)?;
            if dry_run || !plan.problems.is_empty() || plan.sendable() == 0 {
                output::publish_plan(ctx, &plan)?;
                if let Some(p) = plan.problems.first() {
                    return Err(CoreError::InvalidInput(p.error.message.clone()));
                }
                if !dry_run {
                    return Err(CoreError::InvalidInput("no account can publish this work".into()));
                }
                return Ok(());
            }
            let outcome = mdesk_core::publish::queue(&ctx.store, &staff, &draft, None)?;
            output::publish_outcome(ctx, &outcome)
        }
        Command::Actions => output::actions(ctx, &outbox::list(&ctx.store)?),
        Command::Invitations => output::invitations(ctx, &mdesk_core::invitations::list(&ctx.store)?),
        Command::Audit => output::audit(ctx, &outbox::audit_trail(&ctx.store)?),
        Command::Retry { action_id } => {
            let id = outbox::retry(&ctx.store, &staff(ctx)?, &action_id)?;
            output::line(ctx, &format!("queued {id}"), &serde_json::json!({"action_id": id}));
            Ok(())
        }
        Command::Cancel { action_id } => outbox::cancel(&ctx.store, ctx.secrets.as_ref(), &staff(ctx)?, &action_id),
        Command::Whoami => {
            let who = ctx
                .store
                .read(mdesk_core::identity::whoami)?
                .ok_or(CoreError::NotSignedIn)?;
            output::whoami(ctx, &who)
        }
        Command::Staff { command } => staff_command(ctx, command),
        Command::Settings {
            command: SettingsCommand::Approval { state },
        } => {
            let id = mdesk_core::team::set_approval(&ctx.store, &staff(ctx)?, state == args::OnOff::On)?;
            output::queued(ctx, &id);
            Ok(())
        }
        Command::Reviews { state } => {
            let q = mdesk_ipc::ReviewsQuery {
                state,
                ..Default::default()
            };
            output::reviews(ctx, &mdesk_core::team::reviews(&ctx.store, &q)?)
        }
        Command::Approve {
            submission_ids,
            dry_run,
        } => {
            let answers = mdesk_core::team::approve(&ctx.store, &staff(ctx)?, &submission_ids, dry_run)?;
            output::batch(ctx, &submission_ids, answers, dry_run)
        }
        Command::Return { submission_id, reason } => {
            let ids = [submission_id];
            let answers = mdesk_core::team::send_back(&ctx.store, &staff(ctx)?, &ids, &reason, false)?;
            output::batch(ctx, &ids, answers, false)
        }
        Command::Withdraw { submission_id } => {
            let id = mdesk_core::team::withdraw(&ctx.store, &staff(ctx)?, &submission_id)?;
            output::queued(ctx, &id);
            Ok(())
        }
        Command::CheckText {
            text,
            title,
            topic,
            accounts,
        } => safety::check_text(ctx, text, title, topic, &accounts),
        Command::Words { command } => safety::words_command(ctx, command),
        Command::Media { search, limit } => safety::media(ctx, search, limit),
        Command::Health => safety::health(ctx),
        other => {
            let accept_warnings = matches!(
                other,
                Command::Edit {
                    accept_warnings: true,
                    ..
                } | Command::Comment {
                    accept_warnings: true,
                    ..
                } | Command::Reply {
                    accept_warnings: true,
                    ..
                }
            );
            let (intention, phone) = intention(ctx, other)?;
            safety::check_intention(ctx, &intention, accept_warnings)?;
            let id = outbox::enqueue(
                &ctx.store,
                ctx.secrets.as_ref(),
                &staff(ctx)?,
                intention,
                phone.as_deref(),
            )?;
            output::line(ctx, &format!("queued {id}"), &serde_json::json!({"action_id": id}));
            Ok(())
        }
    }
}

/// A new staff password: MDESK_STAFF_PASSWORD, or asked for without echo (never an argument:
/// it would stay in the shell's history).
fn staff_password(name: &str) -> Result<String, CoreError> {
    match std::env::var("MDESK_STAFF_PASSWORD") {
        Ok(p) => Ok(p),
        Err(_) => rpassword::prompt_password(format!("New password for {name}: ")).map_err(|e| {
            CoreError::InvalidInput(format!(
                "cannot ask for the password here ({e}); set MDESK_STAFF_PASSWORD"
            ))
        }),
    }
}

fn staff_command(ctx: &Ctx, command: StaffCommand) -> Result<(), CoreError> {
    let by = staff(ctx)?;
    let id = match command {
        StaffCommand::List => return output::staff(ctx, &mdesk_core::team::view(&ctx.store)?),
        StaffCommand::Add {
            name,
            role,
            display_name,
        } => mdesk_core::team::add_staff(
            &ctx.store,
            ctx.secrets.as_ref(),
            &by,
            &name,
            display_name.as_deref(),
            role,
            &staff_password(&name)?,
        )?,
        StaffCommand::Role { name, role } => mdesk_core::team::set_role(&ctx.store, &by, &name, role)?,
        StaffCommand::ResetPassword { name } => {
            let password = staff_password(&name)?;
            mdesk_core::team::reset_password(&ctx.store, ctx.secrets.as_ref(), &by, &name, &password)?
        }
        StaffCommand::Disable { name } => mdesk_core::team::set_disabled(&ctx.store, &by, &name, true)?,
        StaffCommand::Enable { name } => mdesk_core::team::set_disabled(&ctx.store, &by, &name, false)?,
    };
    output::queued(ctx, &id);
    Ok(())
}

fn staff(ctx: &Ctx) -> Result<String, CoreError> {
    match &ctx.staff {
        Some(s) => Ok(s.clone()),
        None => Ok(mdesk_core::settings::load(&ctx.store)?.staff_name),
    }
}

pub(crate) fn account(ctx: &Ctx, gg: &str) -> Result<String, CoreError> {
    mdesk_core::accounts::id_by_guangguang(&ctx.store, gg)
}

fn opt_account(ctx: &Ctx, gg: Option<String>) -> Result<Option<String>, CoreError> {
    gg.map(|g| account(ctx, &g)).transpose()
}

/// Turns a subcommand into an intention (and the invite's phone, which is never stored).
fn intention(ctx: &Ctx, command: Command) -> Result<(Intention, Option<String>), CoreError> {
    let i = match command {
        Command::Invite {
            guangguang_id,
            phone,
            tag,
        } => {
            return Ok((
                Intention::Invite(kinds::Invite {
                    guangguang_id,
                    phone_masked: String::new(),
                    tag,
                }),
                Some(phone),
            ))
        }
        Command::CancelInvite { invitation_id } => Intention::CancelInvite(kinds::CancelInvite { invitation_id }),
        Command::Grant { command } => match command {
            GrantCommand::Request { guangguang_id, scope } => Intention::RequestGrant(kinds::RequestGrant {
                account_id: account(ctx, &guangguang_id)?,
                scope,
            }),
            GrantCommand::Revoke { guangguang_id, scope } => Intention::RevokeGrant(kinds::RevokeGrant {
                account_id: account(ctx, &guangguang_id)?,
                scope,
            }),
        },
        Command::Unbind { guangguang_id } => Intention::Unbind(kinds::Unbind {
            account_id: account(ctx, &guangguang_id)?,
        }),
        Command::Pool {
            command: PoolCommand::Set {
                guangguang_id,
                products,
            },
        } => Intention::SetPool(kinds::SetPool {
            account_id: account(ctx, &guangguang_id)?,
            product_ids: products,
        }),
        Command::Tag { guangguang_id, tag } => Intention::SetTag(kinds::SetTag {
            account_id: account(ctx, &guangguang_id)?,
            tag,
        }),
        Command::ShopCard { state, guangguang_id } => Intention::SetShopCard(kinds::SetShopCard {
            account_id: account(ctx, &guangguang_id)?,
            enabled: state == args::OnOff::On,
        }),
        Command::Edit {
            work_id,
            title,
            text,
            products,
            topic,
            ..
        } => {
            // An operator's edit goes to review while the merchant requires approval.
            let by_submission = ctx
                .store
                .read(mdesk_core::identity::whoami)?
                .is_some_and(|w| w.publishes_by_submission);
            if by_submission {
                Intention::SubmitEdit(kinds::SubmitEdit {
                    submission_id: None,
                    work_id,
                    title,
                    text,
                    product_ids: products,
                    topic,
                })
            } else {
                Intention::Edit(kinds::Edit {
                    work_id,
                    title,
                    text,
                    product_ids: products,
                    topic,
                })
            }
        }
        Command::Delete { work_id } => Intention::Delete(kinds::Delete { work_id }),
        Command::Pin { work_id } => Intention::Pin(kinds::Pin { work_id }),
        Command::Unpin { work_id } => Intention::Unpin(kinds::Unpin { work_id }),
        Command::Privacy { work_id, privacy } => Intention::SetPrivacy(kinds::SetPrivacy { work_id, privacy }),
        Command::Comment {
            work_id,
            text,
            as_account,
            ..
        } => Intention::Comment(kinds::Comment {
            work_id,
            account_id: opt_account(ctx, as_account)?,
            text,
            parent_id: None,
        }),
        Command::Reply {
            work_id,
            comment_id,
            text,
            as_account,
            ..
        } => Intention::Comment(kinds::Comment {
            work_id,
            account_id: opt_account(ctx, as_account)?,
            text,
            parent_id: Some(comment_id),
        }),
        Command::Like { work_id, as_account } => Intention::Like(kinds::Like {
            work_id,
            account_id: opt_account(ctx, as_account)?,
        }),
        Command::Unlike { work_id, as_account } => Intention::Unlike(kinds::Unlike {
            work_id,
            account_id: opt_account(ctx, as_account)?,
        }),
        Command::LikeComment { comment_id, undo } => {
            let (work_id, account_id) = mdesk_core::comments::work_and_account(&ctx.store, &comment_id)?;
            let account_id = Some(account_id);
            if undo {
                Intention::UnlikeComment(kinds::UnlikeComment {
                    comment_id,
                    work_id,
                    account_id,
                })
            } else {
                Intention::LikeComment(kinds::LikeComment {
                    comment_id,
                    work_id,
                    account_id,
                })
            }
        }
        Command::Login { .. }
        | Command::Logout
        | Command::Sync { .. }
        | Command::Accounts
        | Command::Invitations
        | Command::Works { .. }
        | Command::Comments { .. }
        | Command::Publish { .. }
        | Command::Work { .. }
        | Command::Dashboard { .. }
        | Command::Export { .. }
        | Command::Actions
        | Command::Audit
        | Command::Retry { .. }
        | Command::Cancel { .. }
        | Command::Whoami
        | Command::Staff { .. }
        | Command::Settings { .. }
        | Command::Reviews { .. }
        | Command::Approve { .. }
        | Command::Return { .. }
        | Command::Withdraw { .. }
        | Command::CheckText { .. }
        | Command::Words { .. }
        | Command::Media { .. }
        | Command::Health => return Err(CoreError::InvalidInput("not an intention".into())),
    };
    Ok((i, None))
}

/// The options as the Works screen's query (an account by Guangguang ID).
fn works_query(ctx: &Ctx, f: WorksArgs) -> Result<mdesk_ipc::WorksQuery, CoreError> {
    let account_id = f
        .account
        .map(|gg| mdesk_core::accounts::id_by_guangguang(&ctx.store, &gg))
        .transpose()?;
    Ok(mdesk_ipc::WorksQuery {
        account_id,
        tag: f.tag,
        group: f.group,
        review_status: f.status,
        inclusion_status: f.inclusion,
        topic_status: f.topic,
        privacy: f.privacy,
        kind: f.kind,
        pinned: f.pinned,
        published_from: f.from,
        published_to: f.to,
        search: f.search.unwrap_or_default(),
        period: f.period,
        sort: f.sort,
        ascending: f.asc,
        offset: 0,
        limit: 100,
    })
}

async fn sync(ctx: &Ctx, mode: SyncMode) -> Result<(), CoreError> {
    let session = session::current(&ctx.store)?.ok_or(CoreError::NotSignedIn)?;
    let client = PlatformClient::new(&session.platform.endpoint)?;
    outbox::recover_after_crash(&ctx.store)?;
    loop {
        let result = sync_once(
            &ctx.store,
            &client,
            ctx.secrets.as_ref(),
            &session,
            Backoff::default(),
            |_| {},
        )
        .await;
        let open = ctx.store.read(outbox::counts)?.0;
        match (&mode, result) {
            (SyncMode::Once, r) => {
                let (pushed, pulled) = r?;
                let text = format!(
                    "sent {}, applied {}, rejected {}, later {}; pulled {} changes; {} open",
                    pushed.sent, pushed.applied, pushed.rejected, pushed.retry_later, pulled.changes, open
                );
                output::line(
                    ctx,
                    &text,
                    &serde_json::json!({"sent": pushed.sent, "applied": pushed.applied,
                    "rejected": pushed.rejected, "retry_later": pushed.retry_later, "pulled": pulled.changes, "open": open}),
                );
                return Ok(());
            }
            (SyncMode::UntilIdle, Ok(_)) if open == 0 => {
                output::line(ctx, "idle: nothing left to deliver", &serde_json::json!({"open": 0}));
                return Ok(());
            }
            (SyncMode::UntilIdle, Err(e)) if !e.is_transient() => return Err(e),
            (_, Err(e)) => tracing::warn!(error = %e, "sync round failed; trying again"),
            _ => {}
        }
        let pause = if matches!(mode, SyncMode::Watch) {
            Duration::from_secs(30)
        } else {
            Duration::from_millis(200)
        };
        tokio::time::sleep(pause).await;
    }
}
