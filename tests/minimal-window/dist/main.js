// After the first frame is drawn, report like Matrix Desk's UI does.
requestAnimationFrame(() => {
  window.__TAURI__.core.invoke("report_first_screen", { webviewMs: Math.round(performance.now()) });
});
