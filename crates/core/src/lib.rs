//! Matrix Desk core: everything the app knows, without Tauri.
//!
//! The [`Store`] owns the local SQLite database; [`session`] signs in and keeps tokens in a
//! [`SecretStore`]; [`sync`] pulls the platform's change feed into the store, in the
//! background via [`sync::SyncWorker`].

pub mod accounts;
pub mod audit;
mod error;
pub mod invitations;
pub mod matrix;
pub mod notices;
pub mod outbox;
pub mod platform;
pub mod pool;
pub mod secret;
mod secret_file;
pub mod session;
pub mod settings;
pub mod store;
pub mod sync;
pub mod works;

pub use error::{CoreError, CoreResult};
pub use platform::PlatformClient;
pub use secret::{KeyringSecretStore, MemorySecretStore, Secret, SecretStore};
pub use secret_file::FileSecretStore;
pub use store::Store;
