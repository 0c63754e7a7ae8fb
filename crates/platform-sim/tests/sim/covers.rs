//! Covers a client can fetch: drawn per work at `/cdn/covers/{id}.png`, uploaded ones at
//! `/cdn/media/{id}`, both without a token and cacheable forever.

use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::{png_size, Api};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[tokio::test]
async fn every_seeded_work_has_a_cover_that_fetches_as_a_portrait_png() {
    let api = Api::start("demo").await;
    let works = api.all_works().await;
    assert_eq!(works.len(), 200, "the demo seed's works");
    for w in &works {
        let id = w["id"].as_str().unwrap();
        let url = w["cover_url"].as_str().unwrap_or_else(|| panic!("{id} has a cover"));
        assert_eq!(
            url,
            format!("/cdn/covers/{id}.png"),
            "relative to the endpoint: the demo platform's port changes on every start"
        );
        let (s, headers, bytes) = api.fetch(url).await;
        assert_eq!(s, StatusCode::OK, "a CDN needs no token: {url}");
        assert_eq!(headers[CONTENT_TYPE], "image/png");
        assert_eq!(headers[CACHE_CONTROL], IMMUTABLE, "one URL, one picture, forever");
        assert_eq!(png_size(&bytes), (180, 240), "a 3:4 portrait thumbnail");
        assert!(bytes.len() < 4096, "a few KB at most: {} bytes", bytes.len());
    }
}

#[tokio::test]
async fn a_cover_is_the_same_bytes_for_the_same_work_and_unknown_works_are_not_found() {
    let api = Api::start("demo").await;
    let (_, _, first) = api.fetch("/cdn/covers/w-0000001.png").await;
    let (_, _, again) = api.fetch("/cdn/covers/w-0000001.png").await;
    assert_eq!(first, again, "an immutable URL must not change under a cache");
    let other = Api::start("demo").await;
    let (_, _, elsewhere) = other.fetch("/cdn/covers/w-0000001.png").await;
    assert_eq!(first, elsewhere, "drawn from the work id alone, not from the moment");
    let (_, _, second) = api.fetch("/cdn/covers/w-0000002.png").await;
    assert_ne!(first, second, "works are told apart by their covers");

    for path in [
        "/cdn/covers/w-9999999.png",
        "/cdn/covers/w-0000001",
        "/cdn/covers/w-0000001.jpg",
        "/cdn/media/m-nothing",
    ] {
        let (s, headers, bytes) = api.fetch(path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(headers[CONTENT_TYPE], "application/json", "{path}");
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(Api::code(&body), "not_found", "the usual error envelope: {path}");
    }
}

#[tokio::test]
async fn an_uploaded_cover_is_served_as_the_works_cover() {
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    // Any PNG will do as the merchant's own pictures: take drawn ones.
    let (_, _, picture) = api.fetch("/cdn/covers/w-0000003.png").await;
    let (_, _, other) = api.fetch("/cdn/covers/w-0000004.png").await;
    let cover = api.upload("image/png", picture.clone()).await;
    let image = api.upload("image/png", other).await;

    let body = json!({"kind": "image_text", "title": "自带封面", "media_ids": [image], "cover_media_id": cover});
    let (s, work) = api
        .send(Method::POST, &format!("/v1/accounts/{account}/works"), Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{work}");
    assert_eq!(
        work["cover_url"],
        format!("/cdn/media/{cover}"),
        "the named upload is the cover"
    );
    let (s, headers, bytes) = api.fetch(&format!("/cdn/media/{cover}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(bytes, picture, "the uploaded bytes, unchanged");
    assert_eq!(headers[CONTENT_TYPE], "image/png", "the type it was uploaded as");
    assert_eq!(headers[CACHE_CONTROL], IMMUTABLE);

    let (s, work) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(json!({"kind": "image_text", "title": "首图封面", "media_ids": [image, cover]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{work}");
    assert_eq!(
        work["cover_url"],
        format!("/cdn/media/{image}"),
        "without a cover an image-text work shows its first image"
    );

    let video = api.video().await;
    let (s, work) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(json!({"kind": "video", "title": "没有封面", "media_ids": [video], "cover_frame_ms": 1500})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{work}");
    let id = work["id"].as_str().unwrap();
    assert_eq!(
        work["cover_url"],
        format!("/cdn/covers/{id}.png"),
        "a video without a cover image gets a drawn cover (the simulator takes no frames out of videos)"
    );
    let (s, _, bytes) = api.fetch(work["cover_url"].as_str().unwrap()).await;
    assert_eq!((s, png_size(&bytes)), (StatusCode::OK, (180, 240)));
    let (s, work) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(json!({"kind": "video", "title": "视频封面", "media_ids": [video], "cover_media_id": cover})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{work}");
    assert_eq!(
        work["cover_url"],
        format!("/cdn/media/{cover}"),
        "a video's cover image is its cover"
    );

    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(
                json!({"kind": "video", "title": "坏封面", "media_ids": [video], "cover_media_id": "m-never-uploaded"}),
            ),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "a cover must be the merchant's upload"
    );
}
