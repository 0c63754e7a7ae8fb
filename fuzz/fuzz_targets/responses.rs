//! Every other answer the client decodes (the first byte picks which): tokens, who is signed
//! in, an upload's media id, a mutation's answer, an error envelope.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdesk_platform_api::{ErrorBody, Me, MediaUploaded, TokenResponse};

fuzz_target!(|data: &[u8]| {
    let Some((which, body)) = data.split_first() else {
        return;
    };
    match which % 5 {
        0 => drop(serde_json::from_slice::<TokenResponse>(body)),
        1 => drop(serde_json::from_slice::<Me>(body)),
        2 => drop(serde_json::from_slice::<MediaUploaded>(body)),
        3 => drop(serde_json::from_slice::<serde_json::Value>(body)),
        _ => {
            if let Ok(e) = serde_json::from_slice::<ErrorBody>(body) {
                // The code the desk branches on is one it knows (or `internal`).
                let _ = e.error.code.to_string();
            }
        }
    }
});
