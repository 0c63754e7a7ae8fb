//! End-to-end: the real Matrix Desk window under Xvfb, driven over WebDriver, against a
//! platform simulator on 127.0.0.1. Run by `cargo xtask test` inside a private D-Bus session
//! with an unlocked gnome-keyring, so the token really goes through the OS keychain.

mod about;
mod accounts;
mod activity;
mod comments;
mod desktop;
mod keychain;
mod matrix;
mod publish;
mod recovery;
mod safety;
mod team;
mod update;
mod work_actions;
mod works;
