// Live search for /search/: results update as the reader types, the URL
// keeps step (so back and forward work), and the count is announced. Without
// this script the form submits and the server renders the same results.
(() => {
  "use strict";
  const form = document.querySelector("form.search-form");
  const results = document.getElementById("search-results");
  if (!form || !results || !window.fetch || !window.URLSearchParams) return;

  const endpoint = (results.dataset.endpoint || "").replace(/\/$/, "") + "/api/search";
  const labels = readLabels();
  // The index's taxonomies, tags included, in its order; the page names
  // them only beside tags.
  const taxonomies = labels.taxonomies.length ? labels.taxonomies : [{ name: "tags", param: "tag", title: "Tags" }];
  const otherTaxonomies = taxonomies.filter((t) => t.name !== "tags");
  const status = el("p", { class: "vh", role: "status" });
  results.before(status);
  let timer = 0;
  let controller = null;
  let current = ""; // the query shown or on its way: asking it again changes nothing

  form.addEventListener("input", (e) => {
    if (e.target.name === "tag") return; // a tag is added on submit or change, not per letter
    clearTimeout(timer);
    timer = setTimeout(() => run(fromForm(), "replace"), 250);
  });
  form.addEventListener("change", () => run(fromForm(), "replace"));
  form.addEventListener("submit", (e) => { e.preventDefault(); run(fromForm(), "push"); });
  results.addEventListener("click", (e) => {
    const a = e.target.closest("a[href^='/search/?']");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    const params = endpointParams(new URL(a.href, location.href).searchParams);
    fill(params);
    // Focus stays with the reader: on the facet they chose (which now
    // removes it), else on the new results' heading.
    run(params, "push", a.classList.contains("facet") ? { field: a.dataset.field, term: a.dataset.term } : {});
  });
  window.addEventListener("popstate", () => {
    const params = endpointParams(new URLSearchParams(location.search));
    fill(params);
    run(params, null);
  });
  // A static host serves only the empty shell: search from the URL here.
  if (location.search && !results.querySelector(".results-count, .error")) run(endpointParams(new URLSearchParams(location.search)), null);

  // readLabels reads what the page carries to show the endpoint's slugs and
  // dates as the server-rendered page does (see SearchLabels in generator).
  function readLabels() {
    const labels = { type: {}, types: {}, tags: {}, terms: {}, months: [], taxonomies: [] };
    try {
      return Object.assign(labels, JSON.parse(document.getElementById("search-labels").textContent));
    } catch {
      return labels;
    }
  }

  const tagName = (slug) => labels.tags[slug] || slug;
  // Every term is shown by its display name where the page gives one.
  const termName = (taxonomy, slug) => (taxonomy === "tags" ? tagName(slug) : (labels.terms[taxonomy] || {})[slug] || slug);

  // chooses says whether a filter's value in a URL chooses term, a slug:
  // the endpoint takes any spelling of it ("South West" for south-west),
  // of which this knows the plain ones.
  const chooses = (value, term) => value === term || value.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "") === term;
  const chosen = (params, field, term) => params.getAll(field).some((v) => chooses(v, term));

  // endpointParams keeps of params what the endpoint takes: it refuses any
  // other, and a link here may carry one that is no filter (utm_source).
  function endpointParams(params) {
    const known = ["q", "type", "from", "to", "sort", "page", "size", ...taxonomies.map((t) => t.param)];
    const out = new URLSearchParams();
    for (const [k, v] of params) if (known.includes(k)) out.append(k, v);
    return out;
  }

  // longDate writes YYYY-MM-DD as the site's pages do ("4 February 2025"),
  // from the page's month names, whatever the browser's locale.
  function longDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const month = m && labels.months[Number(m[2]) - 1];
    return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
  }

  function fromForm() {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      const value = String(v).trim();
      if (value !== "" && !(k === "sort" && value === "relevance")) params.append(k, value); // the default needs no place in the URL
    }
    return params;
  }

  // fill sets the form to what params ask for.
  function fill(params) {
    form.elements.q.value = params.get("q") || "";
    for (const box of form.querySelectorAll("input[name=type]")) box.checked = params.getAll("type").includes(box.value);
    for (const name of ["from", "to", "sort"]) if (form.elements[name]) form.elements[name].value = params.get(name) || (name === "sort" ? "relevance" : "");
    fillTags(params.getAll("tag"));
    for (const t of otherTaxonomies) {
      for (const box of form.querySelectorAll(`fieldset.term-filter input[name="${t.param}"]`)) box.checked = chosen(params, t.param, box.value);
    }
  }

  // fillTags lists the chosen tags as the server-rendered form does, so the
  // next search from the form keeps them.
  function fillTags(tags) {
    const input = form.querySelector("input#tag");
    if (!input) return;
    form.querySelector("fieldset.tags-chosen")?.remove();
    input.value = "";
    const label = form.querySelector("label[for=tag]");
    if (label) label.textContent = tags.length ? "Add a tag" : "Tag";
    if (!tags.length) return;
    const list = el("ul", { role: "list" });
    for (const t of tags) list.append(el("li", {}, el("label", {}, el("input", { type: "checkbox", name: "tag", value: t, checked: "" }), " " + tagName(t))));
    input.closest("p").before(el("fieldset", { class: "tags-chosen" }, el("legend", {}, "Tags chosen"), list));
  }

  // countChosen says in the folded filters' summary how many are chosen.
  function countChosen(params) {
    const chosen = form.querySelector("summary .chosen");
    if (!chosen) return;
    const sort = params.get("sort");
    const n = params.getAll("type").length + params.getAll("tag").length + otherTaxonomies.reduce((sum, t) => sum + params.getAll(t.param).length, 0) +
      ["from", "to"].filter((k) => params.get(k)).length + (sort && sort !== "relevance" ? 1 : 0);
    chosen.textContent = n ? ` (${n} chosen)` : "";
  }

  // run searches for params and shows the results. focus, when given, says
  // where keyboard focus goes once they are shown (see refocus).
  async function run(params, history, focus) {
    if (![...params.values()].some((v) => v !== "")) return;
    // Leaving the box fires "change" for the query already shown; running it
    // again would redraw the results under a facet the reader is clicking.
    if (params.toString() === current && history !== "push") return;
    current = params.toString();
    if (controller) controller.abort();
    controller = new AbortController();
    const url = "/search/?" + params.toString();
    if (history === "push") window.history.pushState(null, "", url);
    if (history === "replace") window.history.replaceState(null, "", url);
    countChosen(params);
    results.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(endpoint + "?" + params.toString(), { signal: controller.signal, headers: { Accept: "application/json" } });
      const body = await res.json();
      if (!res.ok) show(problem(body.error || "Search is not available right now."), body.error || "");
      else {
        show(render(body, params), `${body.total} ${body.total === 1 ? "result" : "results"}` + (body.query ? ` for “${body.query}”` : ""));
        fillTermFilters(body, params);
      }
      if (focus) refocus(focus);
    } catch (err) {
      if (err.name !== "AbortError") {
        current = ""; // let the reader try again
        show(problem("Search needs the hub’s search service, which did not answer. Browse the tags instead."), "Search is not available");
        if (focus) refocus({});
      }
    } finally {
      results.removeAttribute("aria-busy");
    }
  }

  function show(node, announce) {
    results.replaceChildren(node);
    status.textContent = announce;
  }

  // refocus puts focus back where the reader was: the facet link for
  // want's field and term, else the results' heading or the problem shown.
  // The link the reader chose was replaced with the results.
  function refocus(want) {
    const facet = [...results.querySelectorAll("a.facet")].find((a) => a.dataset.field === want.field && a.dataset.term === want.term);
    (facet || results.querySelector(".results-count, .notice"))?.focus();
  }

  function problem(message) {
    return el("div", { class: "notice error", tabindex: "-1" }, el("p", {}, message));
  }

  function render(r, params) {
    const frag = document.createDocumentFragment();
    const pages = Math.max(1, Math.ceil(r.total / r.size));
    // As the server writes it: the page's place in a span of its own.
    frag.append(el("h2", { class: "results-count", tabindex: "-1" }, `${r.total} ${r.total === 1 ? "result" : "results"}` + (r.query ? ` for “${r.query}”` : ""),
      pages > 1 ? el("span", { class: "count" }, `, page ${r.page} of ${pages}`) : ""));
    const facets = renderFacets(r, params);
    // As on the server-rendered page: results first, then the facets.
    if (r.hits.length && facets) frag.append(el("p", { class: "to-facets" }, el("a", { href: "#facets" }, "Narrow the results")));
    const layout = el("div", { class: "search-layout" });
    const hits = el("div", { class: "hits" });
    if (r.hits.length === 0) {
      hits.append(el("div", { class: "empty" }, el("p", {}, "Nothing matched. Check the spelling, try fewer words, or remove a filter.")));
    } else {
      const list = el("ol", { class: "cards", role: "list" });
      for (const h of r.hits) list.append(el("li", {}, renderHit(h)));
      hits.append(list);
      if (pages > 1) hits.append(pager(r.page, pages, params));
    }
    layout.append(hits);
    if (facets) layout.append(facets);
    frag.append(layout);
    return frag;
  }

  // renderFacets is the facets aside, labelled as the server labels it, or
  // null when there is no facet to show.
  function renderFacets(r, params) {
    const facets = el("aside", { class: "facets", id: "facets", "aria-labelledby": "facets-h" }, el("h2", { id: "facets-h" }, "Narrow the results"));
    let any = false;
    for (const [field, key, title] of [["type", "type", "Type"], ...taxonomies.map((t) => [t.param, t.name, t.title])]) {
      if (!r.facets[key] || !r.facets[key].length) continue;
      any = true;
      const list = el("ul", { role: "list" });
      for (const f of r.facets[key]) {
        const selected = chosen(params, field, f.term);
        const next = new URLSearchParams(params);
        next.delete("page");
        next.delete(field);
        for (const v of params.getAll(field)) if (!chooses(v, f.term)) next.append(field, v);
        if (!selected) next.append(field, f.term);
        const label = field === "type" ? labels.types[f.term] || f.term : termName(key, f.term);
        list.append(el("li", {}, el("a", { class: "facet" + (selected ? " selected" : ""), href: "/search/?" + next, "data-field": field, "data-term": f.term },
          selected ? el("span", { class: "vh" }, "Remove filter: ") : "", label + " ",
          el("span", { class: "count" }, String(f.count), el("span", { class: "vh" }, f.count === 1 ? " result" : " results")))));
      }
      facets.append(el("h3", {}, title), list);
    }
    return any ? facets : null;
  }

  function renderHit(h) {
    // As partials/card-tags.html: three tags as links, the rest counted.
    const tags = el("ul", { class: "tags", role: "list", "aria-label": "Tags" });
    for (const t of h.tags.slice(0, 3)) tags.append(el("li", {}, el("a", { href: `/tags/${encodeURIComponent(t)}/`, rel: "tag" }, tagName(t))));
    if (h.tags.length > 3) tags.append(el("li", { class: "tags-more" }, `+${h.tags.length - 3} more`));
    return el("article", { class: "card" },
      el("h3", { class: "card-title" }, el("a", { href: h.url }, h.title)),
      el("p", { class: "meta" }, el("span", { class: `type type-${h.type}` }, labels.type[h.type] || h.type), h.date ? " " : "", h.date ? el("time", { datetime: h.date }, longDate(h.date)) : "", ...hitTerms(h)),
      el("p", { class: "card-summary" }, ...(h.snippet ? marked(h.snippet) : [h.summary])),
      h.tags.length ? tags : "");
  }

  // hitTerms are a hit's terms of each taxonomy but tags, for its meta
  // line, as the search layout's "hit-terms" writes them.
  function hitTerms(h) {
    const out = [];
    for (const t of otherTaxonomies) {
      const slugs = h[t.name] || [];
      if (!slugs.length) continue;
      const span = el("span", { class: "terms", "data-taxonomy": t.name }, el("span", { class: "vh" }, t.terms_label + " "));
      slugs.forEach((s, i) => span.append(i ? ", " : "", el("a", { href: `/${t.name}/${encodeURIComponent(s)}/` }, termName(t.name, s))));
      out.push(" ", span);
    }
    return out;
  }

  // fillTermFilters lists in the form, as partials/search-form.html does,
  // each taxonomy's terms but tags' with the counts of result r, the
  // chosen ones checked, keeping the focus on the box the reader was on.
  function fillTermFilters(r, params) {
    const focused = document.activeElement;
    const keep = focused && focused.closest && focused.closest("fieldset.term-filter") ? { name: focused.name, value: focused.value } : null;
    for (const t of otherTaxonomies) {
      const old = form.querySelector(`fieldset.term-filter[data-param="${t.param}"]`);
      const facets = r.facets[t.name] || [];
      if (!facets.length) {
        old?.remove();
        continue;
      }
      const list = el("ul", { role: "list" });
      for (const f of facets) {
        const box = el("input", { type: "checkbox", name: t.param, value: f.term });
        box.checked = chosen(params, t.param, f.term);
        list.append(el("li", {}, el("label", {}, box, ` ${termName(t.name, f.term)} `,
          el("span", { class: "count" }, String(f.count), el("span", { class: "vh" }, f.count === 1 ? " result" : " results")))));
      }
      const fieldset = el("fieldset", { class: "term-filter", "data-param": t.param }, el("legend", {}, t.title), list);
      if (old) old.replaceWith(fieldset);
      else {
        const date = form.elements.from?.closest("fieldset");
        if (date) date.before(fieldset); else form.querySelector(".filter-grid")?.append(fieldset);
      }
    }
    if (keep) [...form.querySelectorAll(`fieldset.term-filter input[name="${keep.name}"]`)].find((b) => b.value === keep.value)?.focus();
  }

  function pager(page, pages, params) {
    const link = (n, text, rel) => {
      const p = new URLSearchParams(params);
      if (n === 1) p.delete("page"); else p.set("page", n);
      const a = el("a", { href: "/search/?" + p }, ...text);
      if (rel) a.rel = rel;
      if (n === page && !rel) a.setAttribute("aria-current", "page");
      return el("li", {}, a);
    };
    // The words a screen reader hears, as the server's pager writes them.
    const hidden = (text) => el("span", { class: "vh" }, text);
    const list = el("ul", { role: "list" });
    if (page > 1) list.append(link(page - 1, ["Previous", hidden(" page")], "prev"));
    for (let n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n++) list.append(link(n, [hidden("Page "), String(n)]));
    if (page < pages) list.append(link(page + 1, ["Next", hidden(" page")], "next"));
    return el("nav", { class: "pager", "aria-label": "Pagination" }, list);
  }

  // marked turns a snippet (escaped text with <mark>) into nodes, keeping only
  // text and <mark>: nothing else from the server can become markup.
  function marked(snippet) {
    const doc = new DOMParser().parseFromString(`<p>${snippet}</p>`, "text/html");
    return [...doc.body.firstChild.childNodes].map((n) =>
      n.nodeName === "MARK" ? el("mark", {}, n.textContent) : document.createTextNode(n.textContent));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children.filter((c) => c !== ""));
    return node;
  }
})();
