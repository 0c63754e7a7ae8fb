//! Reusable pieces of the window.

pub mod app_update;
pub mod content_check;
pub mod cover;
pub mod desktop_settings;
pub mod error_note;
pub mod export_bar;
pub mod form;
pub mod keychain_screen;
pub mod metrics;
pub mod period;
pub mod recovery_notice;
pub mod role_note;
pub mod sign_in;
pub mod status_line;
pub mod work_change;
