//! The start-up benchmark's baseline: the same Tauri, profile and embedded-assets build as
//! Matrix Desk, showing one static page. It logs the line the app logs when its first screen
//! is drawn, so the benchmark times both the same way.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn report_first_screen(webview_ms: u32) {
    let since_start_ms = STARTED.get().map(|s| s.elapsed().as_millis()).unwrap_or_default();
    eprintln!("first screen shown since_start_ms={since_start_ms} webview_ms={webview_ms}");
}

fn main() {
    STARTED.get_or_init(Instant::now);
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![report_first_screen])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("minimal window: {e}");
        std::process::exit(1);
    }
}
