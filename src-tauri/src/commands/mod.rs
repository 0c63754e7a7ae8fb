//! Tauri commands: one core call each, errors as `IpcError`.

pub mod accounts;
pub mod outbox;
pub mod session;
pub mod settings;
pub mod sync;
