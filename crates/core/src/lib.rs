//! Matrix Desk core: everything the app knows, without Tauri.
//!
//! Layers run one way; a module imports only its own layer or lower ones (checked by the
//! `layers` test below, and drawn in `docs/architecture.md`):
//!
//! 0. foundations: [`error`](CoreError), [`secret`], [`platform`] (HTTP client and the
//!    [`platform::AccessTokens`] trait), [`store`] (the lock, SQL, `kv`, migrations).
//! 1. [`settings`], [`session`] (implements `AccessTokens`), [`identity`] (who is signed in,
//!    their role), [`content`] (the content check and the merchant's own words),
//!    [`materials`] (the material library and its duplicate guard), [`outbox`] (validation,
//!    queueing, delivery, overlay), [`period`] (which days numbers cover), [`covers`] (the
//!    offline cover cache), [`export`] (CSV and XLSX writing).
//! 2. [`sync`]: push then pull, and the background worker.
//! 3. facades the shell and the CLI call: [`accounts`], [`invitations`], [`matrix`],
//!    [`pool`], [`audit`], [`notices`], [`works`], [`dashboard`], [`comments`], [`publish`]
//!    (the composer and its drafts), [`work_changes`] (pin, privacy, edit, delete, in bulk too),
//!    [`team`] (staff, approval, the Reviews screen), [`health`] (the accounts that need
//!    attention, and why).

pub mod accounts;
pub mod audit;
pub mod comments;
pub mod content;
pub mod covers;
pub mod dashboard;
mod error;
pub mod export;
pub mod files;
pub mod health;
pub mod identity;
pub mod invitations;
pub mod materials;
pub mod matrix;
pub mod notices;
pub mod outbox;
pub mod period;
pub mod platform;
pub mod pool;
pub mod publish;
pub mod redact;
pub mod secret;
mod secret_file;
pub mod session;
pub mod settings;
pub mod store;
pub mod sync;
pub mod team;
pub mod work_changes;
pub mod works;

pub use error::{CoreError, CoreResult};
pub use platform::PlatformClient;
pub use secret::{KeyringSecretStore, MemorySecretStore, Secret, SecretStore};
pub use secret_file::{DeskSecretStore, FileSecretStore};
pub use store::Store;

#[cfg(test)]
mod layers;
