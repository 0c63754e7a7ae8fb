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

/// The smallest MP4 a player reads the length of: `ftyp`, and `moov` with its `mvhd` (time
/// scale 1000, duration 15,000: 15 seconds).
fn tiny_mp4() -> Vec<u8> {
    let mut mvhd = Vec::new();
    mvhd.extend_from_slice(&108u32.to_be_bytes());
    mvhd.extend_from_slice(b"mvhd");
    mvhd.extend_from_slice(&[0; 4]); // version 0, flags
    mvhd.extend_from_slice(&[0; 8]); // created, modified
    mvhd.extend_from_slice(&1000u32.to_be_bytes());
    mvhd.extend_from_slice(&15_000u32.to_be_bytes());
    mvhd.extend_from_slice(&0x0001_0000u32.to_be_bytes()); // rate 1.0
    mvhd.extend_from_slice(&0x0100u16.to_be_bytes()); // volume 1.0
    mvhd.extend_from_slice(&[0; 10]);
    for v in [0x0001_0000u32, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
        mvhd.extend_from_slice(&v.to_be_bytes());
    }
    mvhd.extend_from_slice(&[0; 24]);
    mvhd.extend_from_slice(&1u32.to_be_bytes());
    let mut out = Vec::new();
    out.extend_from_slice(&20u32.to_be_bytes());
    out.extend_from_slice(b"ftypisom");
    out.extend_from_slice(&0x200u32.to_be_bytes());
    out.extend_from_slice(b"isom");
    out.extend_from_slice(&(8 + mvhd.len() as u32).to_be_bytes());
    out.extend_from_slice(b"moov");
    out.extend_from_slice(&mvhd);
    out
}

#[test]
fn a_videos_length_is_read_from_its_header_and_other_bytes_have_none() {
    let dir = tempfile::tempdir().expect("dir");
    let video = dir.path().join("开箱.mp4");
    std::fs::write(&video, tiny_mp4()).expect("video");
    assert_eq!(video_length_ms(&video), Some(15_000));
    let not_mp4 = dir.path().join("坏的.mp4");
    std::fs::write(&not_mp4, [7u8; 4096]).expect("bytes");
    assert_eq!(video_length_ms(&not_mp4), None);
    let fp = fingerprint(&video, MediaKind::Video, "h".into());
    assert_eq!((fp.duration_ms, fp.phash), (Some(15_000), None));
}
