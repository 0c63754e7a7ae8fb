//! What the simulator's CDN stand-in serves: a cover drawn for every work (a 3:4 PNG whose
//! colours come from the work id, so one id always gets the same bytes), and the URLs of it
//! and of uploaded media. URLs are relative to the API endpoint: the simulator does not know
//! the address clients reach it by, and the demo platform gets a new port on every start.

use sha2::{Digest, Sha256};

pub const COVER_WIDTH: u32 = 180;
pub const COVER_HEIGHT: u32 = 240;

const COVER_PREFIX: &str = "/cdn/covers/";
const COVER_SUFFIX: &str = ".png";
const MEDIA_PREFIX: &str = "/cdn/media/";

/// Gradient steps: banding keeps the file small (a few hundred bytes) and reads as a poster.
const STEPS: u8 = 12;
const DISC: u8 = STEPS;
const BAR: u8 = STEPS + 1;

/// `/cdn/covers/{work_id}.png`
pub fn drawn_cover_url(work_id: &str) -> String {
    format!("{COVER_PREFIX}{work_id}{COVER_SUFFIX}")
}

/// `/cdn/media/{media_id}`
pub fn media_url(media_id: &str) -> String {
    format!("{MEDIA_PREFIX}{media_id}")
}

/// The pieces of [`drawn_cover_url`] for SQL that builds it in bulk (the database upgrade).
pub fn drawn_cover_url_parts() -> (&'static str, &'static str) {
    (COVER_PREFIX, COVER_SUFFIX)
}

/// The prefix of [`media_url`], for the same upgrade.
pub fn media_url_prefix() -> &'static str {
    MEDIA_PREFIX
}

/// The work id in a cover file name `{work_id}.png`.
pub fn work_id_of_cover_file(file: &str) -> Option<&str> {
    file.strip_suffix(COVER_SUFFIX).filter(|id| !id.is_empty())
}

/// Draws the cover of `work_id`: a diagonal two-colour gradient, a disc and two title bars,
/// as a 4-bit indexed PNG of [`COVER_WIDTH`]×[`COVER_HEIGHT`].
pub fn draw(work_id: &str) -> Result<Vec<u8>, png::EncodingError> {
    let h = Sha256::digest(work_id.as_bytes());
    let hue_a = f64::from(u16::from_be_bytes([h[0], h[1]]) % 360);
    let hue_b = (hue_a + 60.0 + f64::from(h[2] % 120)) % 360.0;
    let light = hsl(hue_a, 0.70, 0.68);
    let dark = hsl(hue_b, 0.55, 0.30);
    let mut palette = Vec::with_capacity(3 * usize::from(STEPS + 2));
    for step in 0..STEPS {
        let t = f64::from(step) / f64::from(STEPS - 1);
        for (a, b) in light.iter().zip(dark) {
            palette.push(lerp(*a, b, t));
        }
    }
    palette.extend(hsl(hue_a, 0.60, 0.93));
    palette.extend(hsl(hue_b, 0.35, 0.88));

    let (w, hgt) = (i64::from(COVER_WIDTH), i64::from(COVER_HEIGHT));
    let (cx, cy, r) = (
        45 + i64::from(h[3] % 90),
        50 + i64::from(h[4] % 80),
        24 + i64::from(h[5] % 24),
    );
    let bar_long = 80 + i64::from(h[6] % 60);
    let bar_short = 40 + i64::from(h[7] % 50);
    let in_bar = |x: i64, y: i64| {
        let long = (190..202).contains(&y) && (16..16 + bar_long).contains(&x);
        let short = (210..220).contains(&y) && (16..16 + bar_short).contains(&x);
        long || short
    };

    let row_bytes = (COVER_WIDTH as usize).div_ceil(2);
    let mut pixels = vec![0u8; row_bytes * COVER_HEIGHT as usize];
    for y in 0..hgt {
        for x in 0..w {
            let index = if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                DISC
            } else if in_bar(x, y) {
                BAR
            } else {
                // 0 at the top left, STEPS - 1 at the bottom right.
                ((x * hgt + y * w) * i64::from(STEPS - 1) / (2 * w * hgt)) as u8
            };
            let byte = &mut pixels[y as usize * row_bytes + x as usize / 2];
            *byte |= if x % 2 == 0 { index << 4 } else { index };
        }
    }

    let mut out = Vec::with_capacity(1024);
    let mut encoder = png::Encoder::new(&mut out, COVER_WIDTH, COVER_HEIGHT);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_palette(palette);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(out)
}

/// The content type of media by its first bytes, for uploads from before the platform kept
/// the `Content-Type` they were sent with; unknown kinds are plain bytes.
pub fn sniff_content_type(bytes: &[u8]) -> &'static str {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [b'G', b'I', b'F', b'8', ..] => "image/gif",
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => "image/webp",
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => "video/mp4",
        [0x1A, 0x45, 0xDF, 0xA3, ..] => "video/webm",
        _ => "application/octet-stream",
    }
}

fn lerp(a: u8, b: u8, t: f64) -> u8 {
    (f64::from(a) + (f64::from(b) - f64::from(a)) * t)
        .round()
        .clamp(0.0, 255.0) as u8
}

/// HSL (hue in degrees, saturation and lightness in 0..=1) to RGB.
fn hsl(hue: f64, s: f64, l: f64) -> [u8; 3] {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((hue / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match hue as u32 / 60 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    [r, g, b].map(|v| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cover_is_a_small_portrait_png_and_the_same_for_the_same_work() {
        let a = draw("w-0000001").expect("drawn");
        assert_eq!(a, draw("w-0000001").expect("drawn"), "a CDN URL is immutable");
        assert_ne!(a, draw("w-0000002").expect("drawn"), "works are told apart by colour");
        assert!(a.len() < 4096, "a few KB at most, it is a thumbnail: {} bytes", a.len());
    }

    #[test]
    fn a_cover_file_name_is_the_work_id_with_png() {
        assert_eq!(work_id_of_cover_file("w-1.png"), Some("w-1"));
        assert_eq!(work_id_of_cover_file("w-1"), None, "only the .png name exists");
        assert_eq!(work_id_of_cover_file(".png"), None, "an empty id is no work");
        assert_eq!(drawn_cover_url("w-1"), "/cdn/covers/w-1.png");
    }

    #[test]
    fn uploaded_media_is_served_with_its_own_type() {
        assert_eq!(
            sniff_content_type(&draw("w-1").expect("drawn")),
            "image/png",
            "a PNG upload"
        );
        assert_eq!(sniff_content_type(&[0xFF, 0xD8, 0xFF, 0xE0]), "image/jpeg");
        assert_eq!(
            sniff_content_type(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]),
            "video/webm",
            "an old WebM upload is a video the platform takes"
        );
        assert_eq!(
            sniff_content_type(&[0; 16]),
            "application/octet-stream",
            "unknown bytes"
        );
    }
}
