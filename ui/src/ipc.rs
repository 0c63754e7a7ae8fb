//! One typed way to call the shell, `call(&cmd::…)`, and `listen` for its events.

use mdesk_ipc::cmd::{self, Command};
use mdesk_ipc::{ErrorCode, IpcError, SyncStatus};
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(event: &str, handler: &Closure<dyn FnMut(JsValue)>) -> Result<JsValue, JsValue>;
}

fn internal(message: impl Into<String>) -> IpcError {
    IpcError::new(ErrorCode::Internal, message)
}

/// `{"args": <the command>}`: the shell reads a command's arguments under one key.
struct Envelope<'a, C>(&'a C);

impl<C: Serialize> Serialize for Envelope<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(cmd::ARGS_KEY, self.0)?;
        map.end()
    }
}

/// Runs a Tauri command: its name, arguments and answer all come from its type.
pub async fn call<C: Command>(command: &C) -> Result<C::Output, IpcError> {
    let name = C::NAME;
    let args = Envelope(command)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal(format!("encoding {name} arguments: {e}")))?;
    match tauri_invoke(name, args).await {
        Ok(value) => decode(&value).map_err(|e| internal(format!("decoding {name} answer: {e}"))),
        Err(err) => Err(serde_wasm_bindgen::from_value::<IpcError>(err.clone())
            .unwrap_or_else(|_| internal(err.as_string().unwrap_or_else(|| format!("{name} failed"))))),
    }
}

/// Reads an answer. Walking the JS object field by field from wasm (serde-wasm-bindgen) costs
/// a boundary crossing per field, which at 1,000 accounts held the first screen back for about
/// a second; the engine's own `JSON.stringify` and serde_json in wasm take a fraction of that.
fn decode<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    if value.is_undefined() || value.is_null() {
        return serde_json::from_str("null").map_err(|e| e.to_string());
    }
    let json = js_sys::JSON::stringify(value).map_err(|e| format!("{e:?}"))?;
    let json: String = json.into();
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// Calls `f` with every sync status the shell emits, for the life of the app.
pub async fn on_sync_status(f: impl FnMut(SyncStatus) + 'static) -> Result<(), IpcError> {
    listen(mdesk_ipc::SYNC_STATUS_EVENT, f).await
}

/// Calls `f` with the payload of every `event` the shell emits, for the life of the app.
pub async fn listen<T: DeserializeOwned + 'static>(
    event: &str,
    mut f: impl FnMut(T) + 'static,
) -> Result<(), IpcError> {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let payload = js_sys::Reflect::get(&event, &JsValue::from_str("payload")).unwrap_or(JsValue::NULL);
        // The same decoding as answers: serde-wasm-bindgen read a tagged enum in a payload
        // (a repair report's source) differently from the JSON the shell wrote.
        match decode::<T>(&payload) {
            Ok(value) => f(value),
            Err(e) => web_sys::console::error_1(&JsValue::from_str(&format!("event payload: {e}"))),
        }
    });
    tauri_listen(event, &handler)
        .await
        .map_err(|e| internal(e.as_string().unwrap_or_else(|| "listen failed".to_owned())))?;
    // Listeners live as long as the window does.
    handler.forget();
    Ok(())
}
