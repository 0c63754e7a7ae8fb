//! Tells the shell once, after the first screen's rows are on screen, how long the webview
//! took (and when the UI began to run and when the rows arrived): the shell logs it next to
//! its own time since the process started.

use std::cell::Cell;

use mdesk_ipc::cmd;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::ipc;

thread_local! {
    static REPORTED: Cell<bool> = const { Cell::new(false) };
    static UI_STARTED_MS: Cell<u32> = const { Cell::new(0) };
}

/// Milliseconds since the page started loading.
fn now_ms() -> u32 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default() as u32
}

/// Call first thing in `main`: the wasm module is compiled and running.
pub fn ui_started() {
    UI_STARTED_MS.with(|t| t.set(now_ms()));
}

/// Call when a screen's data is shown; only the first call of the run reports, after the
/// next frame has been drawn.
pub fn first_screen_shown() {
    if REPORTED.with(|r| r.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let data_ms = now_ms();
    let report = Closure::once_into_js(move || {
        let report = cmd::ReportFirstScreen {
            webview_ms: now_ms(),
            ui_started_ms: UI_STARTED_MS.with(Cell::get),
            data_ms,
        };
        wasm_bindgen_futures::spawn_local(async move {
            let _ = ipc::call(&report).await;
        });
    });
    let _ = window.request_animation_frame(report.unchecked_ref());
}
