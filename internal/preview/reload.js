// Live preview for `hub serve`: reloads the page after a rebuild, swaps the
// stylesheet when only CSS changed, and shows build errors over the page.
(() => {
  "use strict";
  let version = null;
  let dismissed = "";
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

  function show(problems) {
    const old = document.getElementById("hub-overlay");
    if (!problems || problems.length === 0) {
      if (old) old.remove();
      dismissed = "";
      return;
    }
    const key = JSON.stringify(problems);
    if (key === dismissed) return;
    if (old) old.remove();
    if (!document.getElementById("hub-overlay-css")) {
      const link = document.createElement("link");
      link.id = "hub-overlay-css";
      link.rel = "stylesheet";
      link.href = "/_hub/overlay.css";
      document.head.append(link);
    }
    const box = el("div", { id: "hub-overlay", role: "alertdialog", "aria-modal": "false",
      "aria-labelledby": "hub-overlay-title", "aria-describedby": "hub-overlay-note", tabindex: "-1" });
    const n = problems.length;
    box.append(
      el("h2", { id: "hub-overlay-title" }, `Build failed: ${n} ${n === 1 ? "problem" : "problems"}`),
      el("p", { id: "hub-overlay-note" }, "You are seeing the last good build. Fix the files and save: this page updates by itself."),
    );
    const list = el("ol", { class: "hub-overlay-list" });
    for (const p of problems) {
      const item = el("li", {}, el("code", { class: "hub-overlay-where" }, `${p.path}:${p.line || 1}:${p.col || 1}`), `: ${p.message}`);
      if (p.source) item.append(el("pre", {}, el("code", {}, p.source)));
      list.append(item);
    }
    const close = el("button", { type: "button", class: "hub-overlay-close" }, "Dismiss");
    const hide = () => { dismissed = key; box.remove(); };
    close.addEventListener("click", hide);
    box.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
    box.append(list, close);
    document.body.prepend(box);
    box.focus();
  }

  // el builds an element; text goes in as text, never as markup.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  }
})();
