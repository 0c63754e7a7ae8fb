//! Tauri commands: one core call each, errors as `IpcError`. Each handler takes its command
//! type from `mdesk_ipc::cmd` as `args` and answers that type's `Output`, so the UI and the
//! shell cannot disagree on a name, a field or an answer.

pub mod accounts;
pub mod audit;
pub mod comments;
pub mod invitations;
pub mod keychain;
pub mod outbox;
pub mod publish;
pub mod safety;
mod save;
pub mod session;
pub mod settings;
pub mod sync;
pub mod team;
pub mod update;
pub mod works;

use mdesk_core::sync::SyncCommand;
use mdesk_ipc::cmd::Command;
use mdesk_ipc::IpcError;

use crate::state::Core;

/// What a handler of command `C` answers.
pub type Reply<C> = Result<<C as Command>::Output, IpcError>;

/// Something was queued: deliver it now rather than at the next tick.
fn queued<T>(core: &Core, result: mdesk_core::CoreResult<T>) -> Result<T, IpcError> {
    let value = result?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(value)
}

/// Compile-time string equality, for checking a handler's name against its command's.
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Registers the handlers, each paired with its command type: a handler whose function name
/// differs from its command's `NAME` fails to compile. Also lists the registered names, so a
/// test can check every command has a handler.
macro_rules! handlers {
    ($($module:ident :: $handler:ident => $command:ident),+ $(,)?) => {{
        $(
            const _: () = assert!(
                $crate::commands::same_name(
                    <mdesk_ipc::cmd::$command as mdesk_ipc::cmd::Command>::NAME,
                    stringify!($handler)
                ),
                concat!("handler `", stringify!($handler), "` is not named after its command ", stringify!($command))
            );
        )+
        (
            &[$(stringify!($handler)),+] as &[&str],
            tauri::generate_handler![$($crate::commands::$module::$handler),+],
        )
    }};
}
pub(crate) use handlers;
