//! Tells the shell once, after the first screen's rows are on screen, how long the webview
//! took: the shell logs it next to its own time since the process started.

use std::cell::Cell;

use mdesk_ipc::cmd;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::ipc;

thread_local! {
    static REPORTED: Cell<bool> = const { Cell::new(false) };
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
    let report = Closure::once_into_js(move || {
        let webview_ms = web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = ipc::call(&cmd::ReportFirstScreen {
                webview_ms: webview_ms as u32,
            })
            .await;
        });
    });
    let _ = window.request_animation_frame(report.unchecked_ref());
}
