//! Reusable pieces of the window.

pub mod error_note;
pub mod form;
pub mod sign_in;
pub mod status_line;
