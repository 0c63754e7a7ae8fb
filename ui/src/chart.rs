//! Charts: ECharts (vendored by `cargo xtask ui`) bound from Rust, and the one chart component
//! the screens use. Options are built as JSON; the only function in them is the yuan formatter,
//! attached here to series marked `"yuan": true`.
//!
//! ECharts (1 MB of script) is loaded when the first chart is shown, not with the page: the
//! first screen has no chart, and parsing it held every start back.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Value};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::format::yuan;
use crate::state::app_state;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance.
    type EChart;

    #[wasm_bindgen(js_namespace = echarts, js_name = init, catch)]
    fn echarts_init(el: &web_sys::HtmlElement) -> Result<EChart, JsValue>;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &EChart, option: &JsValue, not_merge: bool);

    #[wasm_bindgen(method)]
    fn resize(this: &EChart);

    #[wasm_bindgen(method)]
    fn dispose(this: &EChart);
}

thread_local! {
    /// The one load of ECharts, shared by charts shown while it is under way.
    static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Loads `echarts.min.js` once (a script of the app itself, so the CSP allows it).
async fn load_echarts() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    if js_sys::Reflect::has(&window, &JsValue::from_str("echarts"))? {
        return Ok(());
    }
    let promise = LOADING.with(|l| -> Result<js_sys::Promise, JsValue> {
        if let Some(p) = l.borrow().as_ref() {
            return Ok(p.clone());
        }
        let document = window.document().ok_or_else(|| JsValue::from_str("no document"))?;
        let script = document.create_element("script")?;
        script.set_attribute("src", "echarts.min.js")?;
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let _ = script.add_event_listener_with_callback("load", &resolve);
            let _ = script.add_event_listener_with_callback("error", &reject);
        });
        let head = document
            .query_selector("head")?
            .ok_or_else(|| JsValue::from_str("no head"))?;
        head.append_child(&script)?;
        *l.borrow_mut() = Some(promise.clone());
        Ok(promise)
    })?;
    let loaded = wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ());
    if loaded.is_err() {
        // A later chart tries again.
        LOADING.with(|l| l.borrow_mut().take());
    }
    loaded
}

/// The window's resize listener, kept until the chart goes away.
type ResizeListener = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// The app's palette, in the order series take it (teal and amber first, like the icon).
pub const PALETTE: [&str; 6] = ["#0f766e", "#f59e0b", "#2563eb", "#7c3aed", "#e11d48", "#16a34a"];

/// One line of a daily chart.
pub struct Line {
    /// Stable across redraws, so a legend keeps what was switched off.
    pub id: &'static str,
    pub name: String,
    pub values: Vec<Value>,
    /// An amount in yuan: its own axis on the right and `¥` in the tooltip.
    pub yuan: bool,
}

/// A line chart over days: one category per day, tooltips on hover, a legend when there is
/// more than one line (clicking a name hides or shows that line).
pub fn daily_lines(days: &[String], lines: Vec<Line>) -> Value {
    let legend = lines.len() > 1;
    let has_yuan = lines.iter().any(|l| l.yuan);
    let has_count = lines.iter().any(|l| !l.yuan);
    let mut y_axes = Vec::new();
    if has_count {
        y_axes.push(json!({ "type": "value", "axisLabel": { "formatter": "{value}" } }));
    }
    if has_yuan {
        y_axes.push(json!({
            "type": "value",
            "position": if has_count { "right" } else { "left" },
            "splitLine": { "show": !has_count },
            "axisLabel": { "formatter": "¥{value}" },
        }));
    }
    let series: Vec<Value> = lines
        .into_iter()
        .map(|l| {
            json!({
                "id": l.id,
                "name": l.name,
                "type": "line",
                "smooth": false,
                "showSymbol": false,
                "yAxisIndex": if l.yuan && has_count { 1 } else { 0 },
                "data": l.values,
                "yuan": l.yuan,
            })
        })
        .collect();
    json!({
        "color": PALETTE,
        "animation": false,
        "grid": { "containLabel": true, "left": 8, "right": 32, "top": if legend { 40 } else { 16 }, "bottom": 8 },
        "tooltip": { "trigger": "axis" },
        "legend": { "show": legend, "top": 0 },
        "xAxis": { "type": "category", "boundaryGap": false, "data": days },
        "yAxis": y_axes,
        "series": series,
    })
}

/// A div ECharts draws `option` into; drawn again when `option` changes, resized with the
/// window, disposed with the component. `merge` keeps what the user toggled in the legend
/// (series are matched by id); without it each option replaces the last one whole.
#[component(inline_props)]
pub fn Chart(option: ReadSignal<Value>, testid: &'static str, merge: bool) -> View {
    let state = app_state();
    let node = create_node_ref();
    let chart: Rc<RefCell<Option<EChart>>> = Rc::default();
    let on_resize: ResizeListener = Rc::default();
    let in_yuan: Rc<Closure<dyn Fn(JsValue) -> JsValue>> = Rc::new(Closure::new(|v: JsValue| {
        let cents = v.as_f64().map_or(0, |y| (y * 100.0).round() as i64);
        JsValue::from_str(&yuan(cents))
    }));

    // Drawn once ECharts is there: loaded on mount, the first chart of the run waits for it.
    let ready = create_signal(false);
    on_mount(move || {
        spawn_local_scoped(async move {
            match load_echarts().await {
                Ok(()) => ready.set(true),
                Err(_) => {
                    if let Some(el) = node.try_get() {
                        el.set_text_content(Some(&state.t("chart-unavailable")));
                    }
                }
            }
        });
    });
    {
        let (chart, on_resize) = (chart.clone(), on_resize.clone());
        create_effect(move || {
            if !ready.get() {
                return;
            }
            if chart.borrow().is_none() && !start(node, &chart, &on_resize) {
                if let Some(el) = node.try_get() {
                    el.set_text_content(Some(&state.t("chart-unavailable")));
                }
                return;
            }
            let js = option.with(|o| to_js(o, &in_yuan));
            if let (Some(c), Some(js)) = (chart.borrow().as_ref(), js) {
                c.set_option(&js, !merge);
            }
        });
    }
    on_cleanup(move || {
        if let (Some(window), Some(resize)) = (web_sys::window(), on_resize.borrow_mut().take()) {
            let _ = window.remove_event_listener_with_callback("resize", resize.as_ref().unchecked_ref());
        }
        if let Some(c) = chart.borrow_mut().take() {
            c.dispose();
        }
    });

    view! { div(class="chart", data-testid=testid, r#ref=node) }
}

/// Puts an ECharts instance on the node and resizes it with the window; false when ECharts
/// refused.
fn start(node: NodeRef, chart: &Rc<RefCell<Option<EChart>>>, on_resize: &ResizeListener) -> bool {
    let Some(el) = node.try_get().and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    match echarts_init(&el) {
        Ok(c) => *chart.borrow_mut() = Some(c),
        Err(_) => return false,
    }
    let resize = {
        let chart = chart.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(c) = chart.borrow().as_ref() {
                c.resize();
            }
        })
    };
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("resize", resize.as_ref().unchecked_ref());
    }
    *on_resize.borrow_mut() = Some(resize);
    true
}

/// The option as a JS object, with the yuan formatter on the series that show yuan.
fn to_js(option: &Value, in_yuan: &Closure<dyn Fn(JsValue) -> JsValue>) -> Option<JsValue> {
    let js = js_sys::JSON::parse(&option.to_string()).ok()?;
    let yuan_series = option["series"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, s)| s["yuan"] == Value::Bool(true));
    for (i, _) in yuan_series {
        let series = js_sys::Reflect::get(&js, &"series".into())
            .and_then(|all| js_sys::Reflect::get_u32(&all, i as u32))
            .ok()?;
        let tooltip = js_sys::Object::new();
        js_sys::Reflect::set(&tooltip, &"valueFormatter".into(), in_yuan.as_ref()).ok()?;
        js_sys::Reflect::set(&series, &"tooltip".into(), &tooltip).ok()?;
    }
    Some(js)
}
