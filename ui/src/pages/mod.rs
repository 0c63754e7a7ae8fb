//! One module per screen.

pub mod accounts;
pub mod activity;
pub mod settings;
