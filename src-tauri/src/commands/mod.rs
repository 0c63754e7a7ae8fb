//! Tauri commands: one core call each, errors as `IpcError`.

pub mod accounts;
pub mod audit;
pub mod invitations;
pub mod outbox;
pub mod session;
pub mod settings;
pub mod sync;

use mdesk_core::sync::SyncCommand;
use mdesk_ipc::IpcError;

use crate::state::Core;

/// Something was queued: deliver it now rather than at the next tick.
fn queued<T>(core: &Core, result: mdesk_core::CoreResult<T>) -> Result<T, IpcError> {
    let value = result?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(value)
}
