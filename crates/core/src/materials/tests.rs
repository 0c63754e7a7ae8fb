//! The library's fingerprints and duplicate notes, on real pictures.

use std::path::{Path, PathBuf};

use image::{ImageFormat, Rgb, RgbImage};

use super::*;

/// A picture with shapes in it (a viewer would recognise it), `seed` shifting its pattern.
pub(crate) fn picture(w: u32, h: u32, seed: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x * 64 / w, y * 64 / h);
        let band = ((fx / 8 + fy / 16 + seed) % 3) as u8;
        let v = ((fx * 3 + fy * (seed + 1)) % 255) as u8;
        match band {
            0 => Rgb([v, 40, 200]),
            1 => Rgb([220, v, 30]),
            _ => Rgb([20, 180, v]),
        }
    })
}

pub(crate) fn save(img: &RgbImage, path: &Path, format: ImageFormat) -> PathBuf {
    img.save_with_format(path, format).expect("picture written");
    path.to_path_buf()
}

fn phash_of(path: &Path) -> String {
    fingerprint(path, MediaKind::Image, content_hash(path).expect("hash"))
        .phash
        .expect("a picture has a perceptual hash")
}

#[test]
fn a_re_encoded_or_resized_picture_is_the_same_picture_and_another_is_not() {
    let dir = tempfile::tempdir().expect("dir");
    let original = picture(640, 480, 1);
    let png = save(&original, &dir.path().join("原图.png"), ImageFormat::Png);
    let jpg = save(&original, &dir.path().join("转码.jpg"), ImageFormat::Jpeg);
    let small = image::imageops::resize(&original, 320, 240, image::imageops::FilterType::Triangle);
    let small = save(&small, &dir.path().join("缩小.png"), ImageFormat::Png);
    let other = save(&picture(640, 480, 2), &dir.path().join("另一张.png"), ImageFormat::Png);

    let (p_png, p_jpg, p_small, p_other) = (phash_of(&png), phash_of(&jpg), phash_of(&small), phash_of(&other));
    assert_ne!(content_hash(&png).ok(), content_hash(&jpg).ok(), "different bytes");
    assert!(same_picture(&p_png, &p_jpg), "re-encoded as JPEG");
    assert!(same_picture(&p_png, &p_small), "resized to half");
    assert!(!same_picture(&p_png, &p_other), "another picture");
}

