//! The work's type and files — one video, or 1–9 images in order — each shown with its name,
//! size, a thumbnail for an image and, right beside it, why it cannot be sent; then the
//! cover: the platform's choice, a frame of the video, or an image file.

use mdesk_ipc::{cmd, CoverChoice, DraftField, IpcError, MediaInfo, MediaKind, WorkKind};
use mdesk_platform_api::rules::MAX_IMAGES_PER_WORK;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::{problem_views, Composer, FieldProblems};
use crate::ipc;
use crate::state::app_state;

/// Keeps what the core says about every picked file (media and cover image) at hand.
pub fn follow_files(composer: Composer) {
    let paths = create_selector(move || {
        composer.draft.with(|d| {
            let mut paths = d.media.clone();
            if let CoverChoice::Image { path } = &d.cover {
                paths.push(path.clone());
            }
            paths
        })
    });
    create_effect(move || {
        let missing: Vec<String> = paths.with(|p| {
            composer
                .files
                .with_untracked(|f| p.iter().filter(|x| !f.contains_key(*x)).cloned().collect())
        });
        if missing.is_empty() {
            return;
        }
        spawn_local_scoped(async move {
            match ipc::call(&cmd::InspectMedia { paths: missing }).await {
                Ok(infos) => composer.files.update(|f| {
                    for info in infos {
                        f.insert(info.path.clone(), info);
                    }
                }),
                Err(e) => composer.error.set(Some(e)),
            }
        });
    });
}

/// A file size for people: `820 B`, `12.5 KB`, `3.4 MB`, `1.20 GB`.
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.2} GB", b / (KB * KB * KB))
    }
}

/// Opens the system's file dialog; `chosen` gets the paths (nothing when cancelled).
fn pick(composer: Composer, kind: MediaKind, multiple: bool, chosen: impl FnOnce(Vec<String>) + 'static) {
    composer.error.set(None);
    spawn_local_scoped(async move {
        match ipc::call(&cmd::PickMedia { kind, multiple }).await {
            Ok(paths) if paths.is_empty() => {}
            Ok(paths) => chosen(paths),
            Err(e) => composer.error.set(Some(e)),
        }
    });
}

/// A file's picture: the image's thumbnail, or a neutral box for a video (or an unreadable file).
fn thumb(info: Option<&MediaInfo>) -> View {
    match info.and_then(|i| i.thumbnail.clone()) {
        Some(src) => view! { img(class="media-thumb", data-testid="publish-media-thumb", src=src, alt="") },
        None => {
            let video = info.and_then(|i| i.kind) == Some(MediaKind::Video);
            view! { div(class="media-thumb placeholder") { (if video { "▶" } else { "" }) } }
        }
    }
}

/// Name, size and the file's own problem.
fn file_body(path: &str, info: Option<&MediaInfo>) -> View {
    let state = app_state();
    let name = info.map_or_else(
        || path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned(),
        |i| i.name.clone(),
    );
    let size = info.map(|i| size_text(i.bytes)).unwrap_or_default();
    let problem = info.and_then(|i| i.problem.clone()).map(|e| {
        let key = e.message_key();
        view! { div(class="field-problem", data-testid="publish-media-problem", title=e.message.clone()) { (state.t(&key)) } }
    });
    let full = path.to_owned();
    view! {
        div(class="media-body") {
            div(class="media-name", data-testid="publish-media-name", title=full) { (name) }
            div(class="muted small", data-testid="publish-media-size") { (size) }
            (problem)
        }
    }
}

#[component(inline_props)]
pub fn MediaCard(composer: Composer) -> View {
    let state = app_state();
    let draft = composer.draft;
    let kind = create_selector(move || draft.with(|d| d.kind));
    let media = create_selector(move || draft.with(|d| d.media.clone()));
    let set_kind = move |k: WorkKind| {
        if kind.get_untracked() == k {
            return;
        }
        // A video work's files are no image-text work's: the picks start again.
        composer.edit(DraftField::Media, |d| {
            d.kind = k;
            d.media.clear();
            if k == WorkKind::ImageText && matches!(d.cover, CoverChoice::Frame { .. }) {
                d.cover = CoverChoice::Auto;
            }
        });
    };
    let add = move |_| {
        let video = kind.get_untracked() == WorkKind::Video;
        let media_kind = if video { MediaKind::Video } else { MediaKind::Image };
        pick(composer, media_kind, !video, move |paths| {
            composer.edit(DraftField::Media, |d| {
                if video {
                    d.media = paths.into_iter().take(1).collect();
                } else {
                    for p in paths {
                        if !d.media.contains(&p) {
                            d.media.push(p);
                        }
                    }
                }
            })
        });
    };
    let full = move || kind.get() == WorkKind::ImageText && media.with(Vec::len) >= MAX_IMAGES_PER_WORK;
    // The core's media problems, less those a file already shows beside itself.
    let card_problems = create_memo(move || {
        let files = composer.files.get_clone();
        composer
            .problems(DraftField::Media)
            .into_iter()
            .filter(|e| {
                !files.values().any(|f| {
                    f.problem
                        .as_ref()
                        .is_some_and(|p| p.rule == e.rule && p.message == e.message)
                })
            })
            .collect::<Vec<IpcError>>()
    });

    view! {
        div(class="card", data-testid="publish-media") {
            h2 { (state.t("publish-media")) }
            div(class="segments") {
                button(r#type="button", class=move || if kind.get() == WorkKind::Video { "seg on" } else { "seg" },
                    data-testid="publish-kind-video", on:click=move |_| set_kind(WorkKind::Video)) { (state.t("kind-video")) }
                button(r#type="button", class=move || if kind.get() == WorkKind::ImageText { "seg on" } else { "seg" },
                    data-testid="publish-kind-image_text", on:click=move |_| set_kind(WorkKind::ImageText)) { (state.t("kind-image_text")) }
            }
            p(class="muted small") {
                (if kind.get() == WorkKind::Video { state.t("publish-media-video-hint") } else { state.t("publish-media-images-hint") })
            }
            ul(class="media-list", data-testid="publish-media-list") {
                ({
                    // Drawn again when a file's details arrive.
                    composer.files.track();
                    media.get_clone().into_iter().enumerate().map(|(i, path)| view! { MediaItem(composer=composer, index=i, path=path) }).collect::<Vec<_>>()
                })
            }
            div(class="actions") {
                button(r#type="button", class="secondary", data-testid="publish-add-media", disabled=full, on:click=add) {
                    (match (kind.get(), media.with(Vec::is_empty)) {
                        (WorkKind::Video, true) => state.t("publish-add-video"),
                        (WorkKind::Video, false) => state.t("publish-replace-video"),
                        _ => state.t("publish-add-images"),
                    })
                }
                (if kind.get() == WorkKind::ImageText {
                    view! {
                        span(class="muted small", data-testid="publish-media-count") {
                            (format!("{}/{MAX_IMAGES_PER_WORK}", media.with(Vec::len)))
                        }
                    }
                } else { view! {} })
            }
            (problem_views(DraftField::Media, card_problems.get_clone()))
            // The duplicate guard as the live check saw the files: the same picture to several
            // accounts at once, or already published by a matrix account. (The plan is cloned
            // first: no view is made while a signal is borrowed.)
            ({
                state.lang.track();
                let plan = composer.plan.get_clone();
                plan.as_ref().map(super::review::duplicates_section).unwrap_or_default()
            })
            CoverPicker(composer=composer)
        }
    }
}

/// One picked file, with its place in the order (images move up and down).
#[component(inline_props)]
fn MediaItem(composer: Composer, index: usize, path: String) -> View {
    let state = app_state();
    let draft = composer.draft;
    let count = draft.with_untracked(|d| d.media.len());
    let images = draft.with_untracked(|d| d.kind == WorkKind::ImageText);
    let info = composer.files.with(|f| f.get(&path).cloned());
    let problem = info
        .as_ref()
        .and_then(|i| i.problem.as_ref())
        .and_then(|e| e.rule.clone())
        .unwrap_or_default();
    let swap = move |a: usize, b: usize| {
        composer.edit(DraftField::Media, |d| {
            if a < d.media.len() && b < d.media.len() {
                d.media.swap(a, b);
            }
        })
    };
    let remove = {
        let path = path.clone();
        move |_| {
            let path = path.clone();
            composer.edit(DraftField::Media, move |d| d.media.retain(|p| *p != path));
        }
    };
    let moves = if images {
        view! {
            button(r#type="button", class="icon", data-testid="publish-media-up", title=state.t("publish-move-up"),
                disabled=index == 0, on:click=move |_| swap(index, index - 1)) { "↑" }
            button(r#type="button", class="icon", data-testid="publish-media-down", title=state.t("publish-move-down"),
                disabled=index + 1 >= count, on:click=move |_| swap(index, index + 1)) { "↓" }
        }
    } else {
        view! {}
    };
    let body = file_body(&path, info.as_ref());
    view! {
        li(class="media-item", data-testid="publish-media-item", data-path=path.clone(), data-index=index.to_string(),
            data-problem=problem) {
            (if images { view! { span(class="media-index") { ((index + 1).to_string()) } } } else { view! {} })
            (thumb(info.as_ref()))
            (body)
            div(class="media-buttons") {
                (moves)
                button(r#type="button", class="icon", data-testid="publish-media-remove", title=state.t("publish-remove"),
                    on:click=remove) { "✕" }
            }
        }
    }
}

/// Where the cover comes from.
#[component(inline_props)]
fn CoverPicker(composer: Composer) -> View {
    let state = app_state();
    let draft = composer.draft;
    let cover = create_selector(move || draft.with(|d| d.cover.clone()));
    let video = create_selector(move || draft.with(|d| d.kind == WorkKind::Video));

    // The frame's time in seconds, as typed; the draft keeps milliseconds.
    let seconds = create_signal(match cover.get_clone_untracked() {
        CoverChoice::Frame { ms } => (ms as f64 / 1000.0).to_string(),
        _ => "0".to_owned(),
    });
    let ms_of = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(|v| (v * 1000.0).round() as u64)
    };
    create_effect(move || {
        if let CoverChoice::Frame { ms } = cover.get_clone() {
            if seconds.with_untracked(|s| ms_of(s) != Some(ms)) {
                seconds.set((ms as f64 / 1000.0).to_string());
            }
        }
    });
    create_effect(move || {
        let typed = seconds.get_clone();
        let Some(ms) = ms_of(&typed) else { return };
        if matches!(cover.get_clone_untracked(), CoverChoice::Frame { ms: now } if now != ms) {
            composer.edit(DraftField::Cover, |d| d.cover = CoverChoice::Frame { ms });
        }
    });

    let auto = move |_| composer.edit(DraftField::Cover, |d| d.cover = CoverChoice::Auto);
    let frame = move |_| {
        let ms = seconds.with_untracked(|s| ms_of(s)).unwrap_or(0);
        composer.edit(DraftField::Cover, |d| d.cover = CoverChoice::Frame { ms });
    };
    let image = move |_| {
        pick(composer, MediaKind::Image, false, move |paths| {
            if let Some(path) = paths.into_iter().next() {
                composer.edit(DraftField::Cover, |d| d.cover = CoverChoice::Image { path });
            }
        })
    };
    let is = move |f: fn(&CoverChoice) -> bool| move || cover.with(f);
    let chosen_file = move || match cover.get_clone() {
        CoverChoice::Image { path } => {
            let info = composer.files.with(|f| f.get(&path).cloned());
            let body = file_body(&path, info.as_ref());
            view! {
                div(class="media-item cover-file", data-testid="publish-cover-file", data-path=path.clone()) {
                    (thumb(info.as_ref()))
                    (body)
                    div(class="media-buttons") {
                        button(r#type="button", class="icon", data-testid="publish-cover-remove", title=state.t("publish-remove"),
                            on:click=auto) { "✕" }
                    }
                }
            }
        }
        _ => view! {},
    };

    view! {
        div(class="field cover") {
            div(class="field-head") { span(class="label") { (state.t("publish-cover-label")) } }
            div(class="segments") {
                button(r#type="button", class=move || if is(|c| matches!(c, CoverChoice::Auto))() { "seg on" } else { "seg" },
                    data-testid="publish-cover-auto", on:click=auto) { (state.t("publish-cover-auto")) }
                (if video.get() {
                    view! {
                        button(r#type="button", class=move || if is(|c| matches!(c, CoverChoice::Frame { .. }))() { "seg on" } else { "seg" },
                            data-testid="publish-cover-frame", on:click=frame) { (state.t("publish-cover-frame")) }
                    }
                } else { view! {} })
                button(r#type="button", class=move || if is(|c| matches!(c, CoverChoice::Image { .. }))() { "seg on" } else { "seg" },
                    data-testid="publish-cover-image", on:click=image) {
                    (if is(|c| matches!(c, CoverChoice::Image { .. }))() { state.t("publish-cover-change") } else { state.t("publish-cover-image") })
                }
            }
            (match cover.get_clone() {
                CoverChoice::Auto => {
                    let hint = if video.get() { state.t("publish-cover-auto-video") } else { state.t("publish-cover-auto-images") };
                    view! { div(class="muted small") { (hint) } }
                }
                CoverChoice::Frame { .. } => view! {
                    div(class="schedule-row") {
                        label(class="inline") {
                            span { (state.t("publish-cover-at")) }
                            input(r#type="number", class="seconds", min="0", step="0.1", bind:value=seconds,
                                data-testid="publish-cover-seconds")
                            span(class="muted") { (state.t("publish-cover-seconds")) }
                        }
                    }
                },
                CoverChoice::Image { .. } => view! {},
            })
            (chosen_file())
            FieldProblems(composer=composer, field=DraftField::Cover)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn file_sizes_read_in_the_unit_that_fits() {
        // Staff compare a file against the platform's limits (20 MB, 4 GB) at a glance.
        assert_eq!(size_text(0), "0 B");
        assert_eq!(size_text(1023), "1023 B");
        assert_eq!(size_text(1536), "1.5 KB");
        assert_eq!(size_text(20 << 20), "20.0 MB");
        assert_eq!(size_text(4 << 30), "4.00 GB");
    }
}
