// Live preview for `hub serve`: reloads the page after a rebuild, swaps the
// stylesheet when only CSS changed, and shows build errors and warnings
// over the page.
(() => {
  "use strict";
  let version = null;
  // Every good build reloads the page: what the editor dismissed stays
  // dismissed across reloads until the problems change.
  const dismissedKey = "hub-overlay-dismissed";
  const events = new EventSource("/_hub/events");

  events.addEventListener("hello", (e) => {
    const state = JSON.parse(e.data);
    // A reconnect after a rebuild we missed (or a server restart) reloads.
    if (version !== null && state.version !== version) location.reload();
    version = state.version;
    document.documentElement.dataset.hubPreview = "connected"; // for tools and tests
    show(state.problems);
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("errors", (e) => show(JSON.parse(e.data).problems));
  events.addEventListener("css", (e) => {
    version = (version || 0) + 1;
    swapStylesheet(JSON.parse(e.data).url);
  });

  function swapStylesheet(url) {
    const stem = url.replace(/\.[0-9a-f]+\.css$/, "");
    for (const old of document.querySelectorAll('link[rel="stylesheet"]')) {
      const path = new URL(old.href, location.href).pathname;
      if (path.replace(/\.[0-9a-f]+\.css$/, "") !== stem) continue;
      const next = old.cloneNode();
      next.href = url;
      next.addEventListener("load", () => old.remove()); // no flash of unstyled page
      old.after(next);
      return;
    }
    location.reload();
  }

  function remembered() {
    try { return sessionStorage.getItem(dismissedKey) || ""; } catch { return ""; }
  }
  function remember(key) {
    try { sessionStorage.setItem(dismissedKey, key); } catch { /* private mode: forget on reload */ }
  }

  function show(problems) {
    const old = document.getElementById("hub-overlay");
    if (!problems || problems.length === 0) {
      if (old) old.remove();
      remember("");
      return;
    }
    const key = JSON.stringify(problems);
    if (key === remembered()) return;
    if (old) old.remove();
    if (!document.getElementById("hub-overlay-css")) {
      const link = document.createElement("link");
      link.id = "hub-overlay-css";
      link.rel = "stylesheet";
      link.href = "/_hub/overlay.css";
      document.head.append(link);
    }
    // A failed build takes focus: the page is out of date. Warnings
    // alone do not: the page is up to date, less what they name.
    const errors = problems.filter((p) => p.severity !== "warning").length;
    const warnings = problems.length - errors;
    const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    const box = errors > 0
      ? el("div", { id: "hub-overlay", role: "alertdialog", "aria-modal": "false",
        "aria-labelledby": "hub-overlay-title", "aria-describedby": "hub-overlay-note", tabindex: "-1" })
      : el("section", { id: "hub-overlay", class: "hub-overlay-warnings",
        "aria-labelledby": "hub-overlay-title", "aria-describedby": "hub-overlay-note", tabindex: "-1" });
    let title = `Build failed: ${count(errors, "problem", "problems")}`;
    let note = "You are seeing the last good build. Fix the files and save: this page updates by itself.";
    if (errors === 0) {
      title = `Built with ${count(warnings, "warning", "warnings")}`;
      note = "This page is up to date, but the build left out what these name.";
    } else if (warnings > 0) {
      title += `, ${count(warnings, "warning", "warnings")}`;
    }
    box.append(el("h2", { id: "hub-overlay-title" }, title), el("p", { id: "hub-overlay-note" }, note));
    const list = el("ol", { class: "hub-overlay-list" });
    for (const p of problems) {
      const warning = p.severity === "warning";
      const item = el("li", warning ? { class: "hub-overlay-warning" } : {},
        el("code", { class: "hub-overlay-where" }, `${p.path}:${p.line || 1}:${p.col || 1}`),
        warning ? `: warning: ${p.message}` : `: ${p.message}`);
      if (p.source) item.append(el("pre", {}, el("code", {}, p.source)));
      list.append(item);
    }
    const close = el("button", { type: "button", class: "hub-overlay-close" }, "Dismiss");
    const hide = () => { remember(key); box.remove(); };
    close.addEventListener("click", hide);
    box.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
    box.append(list, close);
    document.body.prepend(box);
    if (errors > 0) box.focus();
  }

  // el builds an element; text goes in as text, never as markup.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  }
})();
