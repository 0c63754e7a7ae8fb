//! Media type detection: a picked file's name, a content type, a cover's first bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdesk_platform_api::rules::{
    check_media_size, image_type_of_bytes, media_kind_of_content_type, media_type_of_file_name,
};

fuzz_target!(|data: &[u8]| {
    if let Some((ext, mime)) = image_type_of_bytes(data) {
        assert!(!ext.is_empty() && mime.starts_with("image/"));
    }
    let text = String::from_utf8_lossy(data);
    if let Ok((content_type, kind)) = media_type_of_file_name(&text) {
        // A name's type and its content type agree on the kind.
        assert_eq!(media_kind_of_content_type(content_type), Some(kind));
        let size = data.len() as u64 * 1_000_003;
        let _ = check_media_size(kind, size);
    }
    let _ = media_kind_of_content_type(&text);
});
