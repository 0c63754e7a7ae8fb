//! One module per screen.

pub mod accounts;
pub mod settings;
