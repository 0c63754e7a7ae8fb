//! Matrix Desk UI: a Sycamore app running in the Tauri webview.
//!
//! It only shows what the core returns over IPC (and files of its own, like the licence list of
//! the About screen); no SQL, platform HTTP or platform rule lives here.

mod app;
mod chart;
mod components;
mod format;
use mdesk_ipc::i18n;
mod ipc;
mod list;
mod pages;
mod startup;
mod state;
mod timer;

fn main() {
    startup::ui_started();
    sycamore::render(app::App);
}
