//! A change-feed page as the platform may send it: decoding never panics, and what decodes
//! holds its promises (a page's cursor and each change's entity are what the client reads).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdesk_platform_api::{ChangeData, ChangePage};

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = serde_json::from_slice::<ChangePage>(data) {
        for change in &page.changes {
            // Every kind the client applies is reachable and its text fields are whole.
            match &change.data {
                ChangeData::Work(w) => {
                    let _ = mdesk_platform_api::rules::check_title(&w.title);
                }
                other => {
                    let _ = format!("{other:?}");
                }
            }
        }
        // What decoded encodes again, and decodes to the same page.
        let again = serde_json::to_vec(&page).expect("a decoded page encodes");
        let back: ChangePage = serde_json::from_slice(&again).expect("an encoded page decodes");
        assert_eq!(page, back);
    }
});
