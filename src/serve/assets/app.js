// baochi's page: search, facets, article view with entities, coverage map and timeline.
// Everything the server sends is put in the page with textContent, never as HTML; snippets
// are split on their <b> marks and the pieces between them added as text.
"use strict";

const PAGE = 20;
const FILTERS = ["province", "document", "year", "from", "to"];
const KINDS = [
  ["documents", "Văn bản"],
  ["officials", "Cán bộ"],
  ["localities", "Địa danh"],
  ["dates", "Ngày tháng"],
  ["statistics", "Số liệu"],
];
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// ---- state in the URL fragment, so views are linkable and Back works ----
// View options kept in the fragment beside the search: which tab, KWIC order, trend shape.
// `copies=all` lists every paper's copy of a reprinted story (else each story once).
const OPTIONS = { view: "hits", ksort: "date", by: "month", split: "none", measure: "count", person: "", cby: "year", copies: "", ind: "", fby: "unit" };

function readState() {
  const p = new URLSearchParams(location.hash.slice(1));
  const s = { q: p.get("q") || "", offset: Number(p.get("offset")) || 0, article: p.get("article") || "" };
  for (const f of FILTERS) s[f] = p.get(f) || "";
  for (const [k, d] of Object.entries(OPTIONS)) s[k] = p.get(k) || d;
  return s;
}

function writeState(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
  if (s.offset) p.set("offset", String(s.offset));
  if (s.article) p.set("article", s.article);
  for (const [k, d] of Object.entries(OPTIONS)) if (s[k] && s[k] !== d) p.set(k, s[k]);
  const h = "#" + p.toString();
  if (location.hash !== h) location.hash = h;
  else render();
}

function apiParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.province) p.set("province", s.province);
  if (s.document) p.set("document", s.document);
  // A year facet is a from/to range on the publication date.
  const from = s.year ? s.year : s.from;
  const to = s.year ? s.year : s.to;
  if (from) p.set("from", from);
  if (to) p.set("to", to);
  if (s.copies === "all") p.set("all_copies", "1");
  return p;
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) throw new Error((body && body.error) || `${r.status} ${r.statusText}`);
  return body;
}

function showError(msg) {
  const e = $("error");
  e.textContent = msg || "";
  e.hidden = !msg;
}

// ---- snippets: "<b>" marks from the index, the rest HTML-escaped text ----
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
function unescapeText(s) {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m]);
}

function snippetNode(snippet) {
  const p = el("p", { class: "snippet" });
  let bold = false;
  for (const part of String(snippet || "").split(/(<\/?b>)/)) {
    if (part === "<b>") bold = true;
    else if (part === "</b>") bold = false;
    else if (part) p.append(bold ? el("mark", {}, unescapeText(part)) : unescapeText(part));
  }
  return p;
}

// ---- the search view ----
let lastSearchKey = null;
let lastResults = null;

async function render() {
  const s = readState();
  $("q").value = s.q;
  $("from").value = s.from;
  $("to").value = s.to;
  $("copies").checked = s.copies === "all";
  // The report of what is selected, as a page with each figure's sources.
  $("report-link").href = "/report?" + apiParams(s).toString();
  renderChips(s);
  showError("");
  const key = apiParams(s).toString() + "&offset=" + s.offset;
  try {
    if (key !== lastSearchKey) {
      const p = apiParams(s);
      // No words and no filter: the overview of every article, asked for explicitly.
      if (![...p.keys()].length) p.set("all", "1");
      p.set("limit", String(PAGE));
      if (s.offset) p.set("offset", String(s.offset));
      $("summary").textContent = "Đang tìm…";
      lastResults = await getJSON("/api/search?" + p.toString());
      lastSearchKey = key;
      renderResults(s, lastResults);
      await renderReadings(s);
      // What the list shows now, for scripts and tests that wait on the page.
      $("hits").dataset.shown = key;
      renderFacets(s, lastResults.facets || {});
    }
    await renderMap(s, (lastResults.facets || {}).province || {});
    await renderTimeline(s);
    await renderView(s);
    if (s.article) await showArticle(s.article, s);
    else showResults();
  } catch (err) {
    showError(err.message);
    $("summary").textContent = "";
  }
}

function renderChips(s) {
  const box = $("filters");
  box.replaceChildren();
  for (const f of FILTERS) {
    if (!s[f]) continue;
    box.append(el("button", {
      class: "chip", type: "button", title: "Bỏ bộ lọc",
      onclick: () => writeState({ ...s, [f]: "", offset: 0, article: "" }),
    }, `${f}: ${s[f]} ×`));
  }
}

// A story reprinted by other papers is one hit; its other copies are named under it.
function alsoInNode(copies) {
  if (!copies || copies.length === 0) return null;
  const p = el("p", { class: "also-in" }, "Cũng đăng trên: ");
  copies.forEach((c, i) => {
    if (i > 0) p.append(", ");
    const name = c.paper || c.source || host(c.url) || c.id;
    const day = c.published ? ` (${String(c.published).slice(0, 10)})` : "";
    if (c.url && /^https?:\/\//i.test(c.url)) {
      p.append(el("a", { href: c.url, target: "_blank", rel: "noopener noreferrer" }, name), day);
    } else {
      p.append(name + day);
    }
  });
  return p;
}

function renderResults(s, res) {
  const total = res.total || 0;
  const hits = res.hits || [];
  const most = res.most_words || 0;
  // Counts past the exact budget are estimates, and say so.
  const about = res.exact_counts === false ? "≈" : "";
  $("summary").textContent = total === 0
    ? "Không tìm thấy bài nào."
    : most > 0
      ? `${about}${res.all_words} bài có đủ mọi từ, ${about}${most} bài có phần lớn · ${s.offset + 1}–${s.offset + hits.length}`
      : `${about}${total} bài · ${s.offset + 1}–${s.offset + hits.length}`;
  renderDownloads(s);
  const list = $("hits");
  list.replaceChildren();
  for (const h of hits) {
    const meta = [h.published ? String(h.published).slice(0, 10) : null, h.province, host(h.url)]
      .filter(Boolean).join(" · ");
    list.append(el("li", { class: "hit", dataset: { id: h.id } },
      el("a", {
        class: "hit-title", href: "#", dataset: { id: h.id },
        onclick: (ev) => { ev.preventDefault(); writeState({ ...s, article: h.id }); },
      }, h.title || "(không tiêu đề)"),
      el("p", { class: "meta" }, meta),
      alsoInNode(h.also_in),
      snippetNode(h.snippet)));
  }
  const pager = $("pager");
  pager.replaceChildren();
  if (s.offset > 0) {
    pager.append(el("button", { type: "button", onclick: () => writeState({ ...s, offset: Math.max(0, s.offset - PAGE) }) }, "← Trước"));
  }
  if (s.offset + hits.length < total) {
    pager.append(el("button", { type: "button", onclick: () => writeState({ ...s, offset: s.offset + PAGE }) }, "Sau →"));
  }
}

// A query typed without diacritics: the readings the index holds, one click searching each.
const MARKED = /[^\x00-\x7F]/;
async function renderReadings(s) {
  const box = $("readings");
  box.replaceChildren();
  delete box.dataset.shown;
  if (!s.q || MARKED.test(s.q)) return;
  const res = await getJSON("/api/readings?" + new URLSearchParams({ q: s.q }).toString());
  for (const run of res.readings || []) {
    const row = el("p", { class: "reading-run" }, `“${run.typed}”: `);
    for (const r of run.readings) {
      row.append(el("button", {
        class: "reading", type: "button", dataset: { query: r.query },
        title: `Tìm đúng “${r.text}”`,
        onclick: () => writeState({ ...s, q: r.query, offset: 0, article: "" }),
      }, `${r.text} — ${r.exact ? "" : "≈"}${r.articles.toLocaleString("vi-VN")} bài`));
    }
    box.append(row);
  }
  box.dataset.shown = s.q;
}

function renderDownloads(s) {
  const box = $("downloads");
  box.replaceChildren();
  const select = el("select", { "aria-label": "Table to download" });
  for (const t of ["articles", "documents", "dates", "officials", "localities", "statistics", "people"]) {
    select.append(el("option", { value: t }, t));
  }
  const links = ["csv", "jsonl", "parquet"].map((f) => el("a", { href: "#", download: "" }, f.toUpperCase()));
  const update = () => {
    links.forEach((a, i) => {
      const p = apiParams(s);
      p.set("table", select.value);
      p.set("format", ["csv", "jsonl", "parquet"][i]);
      a.href = "/api/export?" + p.toString();
    });
  };
  select.addEventListener("change", update);
  update();
  box.append("Tải bảng ", select, " ", ...links);
}

function host(url) {
  try { return url ? new URL(url).host : null; } catch (_) { return null; }
}

function renderFacets(s, facets) {
  const order = {
    province: (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "vi"),
    year: (a, b) => b[0].localeCompare(a[0]),
    document: (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  };
  for (const name of ["province", "year", "document"]) {
    const list = $("facet-" + name);
    list.replaceChildren();
    const entries = Object.entries(facets[name] || {}).sort(order[name]).slice(0, 60);
    if (entries.length === 0) list.append(el("li", { class: "meta" }, "—"));
    for (const [value, count] of entries) {
      const active = s[name] === value;
      list.append(el("li", {},
        el("button", {
          class: "facet" + (active ? " active" : ""), type: "button",
          dataset: { name, value },
          onclick: () => writeState({ ...s, [name]: active ? "" : value, offset: 0, article: "" }),
        }, el("span", {}, value), el("span", { class: "count" }, count))));
    }
  }
}

// ---- coverage map: tile grid of the 63 provinces, shaded by matching articles ----
let grid = null;
async function renderMap(s, counts) {
  if (!grid) grid = await getJSON("/api/provinces");
  // As shares: each province's matching articles over the articles it has in the same scope.
  let shares = null;
  if (s.measure === "share" && s.q) {
    const p = apiParams(s);
    p.set("by", "year");
    p.set("split", "province");
    const res = await getJSON("/api/trend?" + p.toString());
    shares = {};
    for (const [name, rows] of Object.entries(res.series || {})) {
      const c = rows.reduce((a, r) => a + r[1], 0), t = rows.reduce((a, r) => a + r[2], 0);
      if (t) shares[name] = c / t;
    }
  }
  const map = $("map");
  map.replaceChildren();
  map.dataset.measure = shares ? "share" : "count";
  const cols = Math.max(...grid.map((t) => t.col)) + 1;
  map.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
  const max = Math.max(1, ...Object.values(counts));
  for (const t of grid) {
    const n = counts[t.name] || 0;
    const sh = shares ? (shares[t.name] || 0) : null;
    const share = shares ? sh : (n ? Math.log1p(n) / Math.log1p(max) : 0);
    // Paper white to the accent red, by log share, so one busy province does not wash out the rest.
    const light = n ? 92 - share * 55 : 94;
    const tile = el("button", {
      class: "tile" + (light < 60 ? " dark" : "") + (s.province === t.name ? " active" : ""),
      type: "button", title: `${t.name}: ${n} bài` + (sh === null ? "" : ` (${(100 * sh).toFixed(1)}%)`), dataset: { province: t.name },
      onclick: () => writeState({ ...s, province: s.province === t.name ? "" : t.name, offset: 0, article: "" }),
    }, el("span", { class: "name" }, t.short),
      n ? el("span", { class: "n" }, sh === null ? String(n) : `${Math.round(100 * sh)}%`) : null);
    tile.style.gridRow = String(t.row + 1);
    tile.style.gridColumn = String(t.col + 1);
    tile.style.background = n ? `hsl(2, 70%, ${light}%)` : "";
    map.append(tile);
  }
}

// ---- tabs: hits, KWIC, trend ----
let viewKey = null;
async function renderView(s) {
  for (const b of document.querySelectorAll("#tabs .tab")) {
    b.classList.toggle("active", b.dataset.view === s.view);
    b.setAttribute("aria-selected", String(b.dataset.view === s.view));
    b.onclick = () => writeState({ ...s, view: b.dataset.view, article: "" });
  }
  $("hits-view").hidden = s.view !== "hits";
  $("kwic-view").hidden = s.view !== "kwic";
  $("trend-view").hidden = s.view !== "trend";
  $("people-view").hidden = s.view !== "people";
  $("figures-view").hidden = s.view !== "figures";
  $("coverage-view").hidden = s.view !== "coverage";
  const key = [s.view, apiParams(s).toString(), s.ksort, s.by, s.split, s.measure, s.person, s.cby, s.ind, s.fby].join("|");
  if (key === viewKey) return;
  viewKey = key;
  if (s.view === "kwic") await renderKwic(s);
  if (s.view === "trend") await renderTrend(s);
  if (s.view === "people") await renderPeople(s);
  if (s.view === "figures") await renderFigures(s);
  if (s.view === "coverage") await renderCoverage(s);
}

// Figure series of the current search: one indicator as a table of unit × period, each cell
// the value the articles give (several where they disagree), its sources on hover and by link.
async function renderFigures(s) {
  const all = await getJSON("/api/figures?" + apiParams(s).toString() + "&by=" + encodeURIComponent(s.fby));
  const points = all.points || [];
  const names = [...new Set(points.map((x) => x.indicator))].sort();
  const sel = $("figures-indicator");
  sel.replaceChildren(...names.map((n) => el("option", { value: n }, `${n} (${points.filter((x) => x.indicator === n).length})`)));
  const ind = names.includes(s.ind) ? s.ind : names[0] || "";
  sel.value = ind;
  sel.onchange = () => writeState({ ...s, ind: sel.value });
  const by = $("figures-by");
  by.value = s.fby;
  by.onchange = () => writeState({ ...s, fby: by.value });
  const mine = points.filter((x) => x.indicator === ind);
  $("figures-summary").textContent = names.length === 0
    ? "Không có số liệu theo chỉ tiêu nào."
    : `${mine.length} điểm · ${names.length} chỉ tiêu`;
  const t = $("figures");
  t.replaceChildren();
  delete t.dataset.shown;
  const periods = [...new Set(mine.map((x) => x.period || "—"))].sort();
  const units = [...new Set(mine.map((x) => x.unit || "—"))].sort();
  t.append(el("tr", {}, el("th", {}, "đơn vị / kỳ"), ...periods.map((x) => el("th", {}, x))));
  for (const u of units) {
    const cells = periods.map((per) => {
      const cell = el("td", {});
      for (const pt of mine.filter((x) => (x.unit || "—") === u && (x.period || "—") === per)) {
        const unit = pt.measure === "%" ? "%" : ` ${pt.measure}`;
        const v = el("span", { class: pt.conflict ? "value conflict" : "value",
          title: pt.sources.map((x) => `${x.value}: ${x.sentence}`).join("\n\n") },
          pt.values.join(" / ") + unit);
        cell.append(v, el("br", {}));
        pt.sources.forEach((src, i) => {
          cell.append(i ? " " : "", el("a", { href: "#", dataset: { id: src.id },
            onclick: (ev) => { ev.preventDefault(); writeState({ ...s, article: src.id }); } }, `[${i + 1}]`));
        });
      }
      return cell;
    });
    t.append(el("tr", {}, el("th", {}, u), ...cells));
  }
  t.dataset.shown = ind;
}

// The sampling frame: a grid of sources × periods, gaps marked, the crawl's counts beside;
// provinces without a source listed below.
async function renderCoverage(s) {
  const sel = $("coverage-by");
  sel.value = s.cby;
  sel.onchange = () => writeState({ ...s, cby: sel.value });
  const p = new URLSearchParams({ by: s.cby });
  if (s.province) p.set("province", s.province);
  const res = await getJSON("/api/coverage?" + p.toString());
  const box = $("coverage");
  box.replaceChildren();
  delete box.dataset.shown;
  const rows = (res.sources || []).filter((r) => r.source);
  const none = (res.sources || []).filter((r) => !r.source).map((r) => r.province);
  const periods = [...new Set(rows.flatMap((r) => r.periods.map((x) => x[0])))].sort();
  $("coverage-summary").textContent = `${rows.length} nguồn · ${none.length} tỉnh chưa có nguồn`;
  const t = el("table", { class: "trend-grid coverage-grid" });
  t.append(el("tr", {}, el("th", {}, "nguồn · tỉnh"), ...periods.map((x) => el("th", {}, x)),
    el("th", {}, "đã tải"), el("th", {}, "không phải bài"), el("th", {}, "lỗi"), el("th", {}, "lần tải cuối")));
  const max = Math.max(1, ...rows.flatMap((r) => r.periods.map((x) => x[1])));
  for (const r of rows) {
    const got = new Map(r.periods.map((x) => [x[0], x[1]]));
    const cells = periods.map((x) => {
      const n = got.get(x);
      const gap = r.gaps.includes(x);
      const td = el("td", { class: gap ? "gap" : "", title: gap ? `${x}: không có bài (khoảng trống)` : `${x}: ${n || 0} bài` },
        n === undefined ? "" : String(n));
      if (n) td.style.background = `hsl(2, 70%, ${94 - (n / max) * 50}%)`;
      if (n && n / max > 0.6) td.style.color = "#fff";
      return td;
    });
    const num = (v) => el("td", {}, v === null || v === undefined ? "—" : String(v));
    t.append(el("tr", { dataset: { source: r.source } },
      el("th", {}, `${r.source} · ${r.province || "—"}`), ...cells,
      num(r.fetched), num(r.not_articles), num(r.failed), num(r.last_crawl ? r.last_crawl.slice(0, 10) : null)));
  }
  box.append(t);
  if (none.length) box.append(el("p", { class: "meta uncovered" }, "Chưa có nguồn: " + none.join(", ")));
  box.dataset.shown = p.toString();
}

// People of the selected province (all when none): one row per name and province; a click
// shows their titles over time and the latest articles naming them.
async function renderPeople(s) {
  const p = new URLSearchParams();
  if (s.province) p.set("province", s.province);
  const res = await getJSON("/api/people?" + p.toString());
  const people = res.people || [];
  $("people-summary").textContent = `${people.length} người` + (s.province ? ` · ${s.province}` : "");
  const list = $("people");
  list.replaceChildren();
  const keyOf = (x) => `${x.name}|${x.province || ""}`;
  for (const x of people.slice(0, 300)) {
    list.append(el("li", { class: keyOf(x) === s.person ? "active" : "" },
      el("button", { type: "button", dataset: { person: keyOf(x) },
        onclick: () => writeState({ ...s, person: keyOf(x) }) },
        x.name, el("span", { class: "meta" }, ` · ${x.province || "—"} · ${x.articles} bài`))));
  }
  const box = $("person");
  box.replaceChildren();
  delete box.dataset.shown;
  const who = people.find((x) => keyOf(x) === s.person);
  if (!who) return;
  box.append(el("h3", {}, who.name), el("p", { class: "meta" },
    `${who.province || "—"} · ${who.articles} bài · ${who.mentions} lần nhắc tên`));
  const titles = el("ol", { class: "titles" });
  for (const t of who.titles) {
    const span = t.first && t.last && t.first !== t.last ? `${t.first} – ${t.last}` : (t.first || "không rõ ngày");
    titles.append(el("li", {}, el("strong", {}, t.title), " ", el("span", { class: "meta" }, span)));
  }
  if (!who.titles.length) titles.append(el("li", { class: "meta" }, "Không có chức danh đi kèm."));
  const arts = el("ul", { class: "person-articles" });
  for (const a of who.recent || []) {
    arts.append(el("li", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); writeState({ ...s, article: a.id }); } },
      a.title || "(không tiêu đề)"), el("span", { class: "meta" }, ` ${a.published ? String(a.published).slice(0, 10) : ""}`)));
  }
  box.append(el("h4", {}, "Chức danh theo thời gian"), titles, el("h4", {}, "Bài viết gần nhất"), arts);
  box.dataset.shown = s.person;
}

async function renderKwic(s) {
  const sort = $("kwic-sort");
  sort.value = s.ksort;
  sort.onchange = () => writeState({ ...s, ksort: sort.value });
  const body = $("kwic").tBodies[0];
  body.replaceChildren();
  const box = $("kwic-view");
  delete box.dataset.shown;
  if (!s.q) { $("kwic-summary").textContent = "Gõ từ cần xem ngữ cảnh."; return; }
  const p = apiParams(s);
  p.set("sort", s.ksort);
  p.set("limit", "100");
  const res = await getJSON("/api/kwic?" + p.toString());
  $("kwic-summary").textContent = `${res.total} lần xuất hiện` + (res.total > res.lines.length ? ` · ${res.lines.length} dòng đầu` : "");
  for (const l of res.lines) {
    const meta = [l.published ? String(l.published).slice(0, 10) : null, l.province].filter(Boolean).join(" · ");
    body.append(el("tr", { dataset: { id: l.id } },
      el("td", { class: "left" }, l.left),
      el("td", { class: "match" }, el("a", {
        href: "#", onclick: (ev) => { ev.preventDefault(); writeState({ ...s, article: l.id }); },
      }, l.match)),
      el("td", { class: "right" }, l.right),
      el("td", { class: "meta" }, meta)));
  }
  box.dataset.shown = p.toString();
}

async function renderTrend(s) {
  for (const [id, k] of [["trend-by", "by"], ["trend-split", "split"], ["trend-measure", "measure"]]) {
    const sel = $(id);
    sel.value = s[k];
    sel.onchange = () => writeState({ ...s, [k]: sel.value });
  }
  const box = $("trend");
  box.replaceChildren();
  delete box.dataset.shown;
  const p = apiParams(s);
  p.set("by", s.by);
  p.set("split", s.split);
  const res = await getJSON("/api/trend?" + p.toString());
  const names = Object.keys(res.series || {});
  if (!names.length) { box.textContent = "—"; return; }
  if (s.split === "none") {
    const rows = res.series[names[0]];
    drawSeries(box, rows, s.measure);
    box.append(trendTable([["", rows]], s.measure, true));
  } else {
    box.append(trendTable(names.map((n) => [n, res.series[n]]), s.measure, false));
  }
  box.dataset.shown = p.toString() + "|" + s.measure;
}

// A value of a trend row [period, count, total, share] as shown.
function shown(row, measure) {
  return measure === "share" ? `${(100 * row[3]).toFixed(1)}%` : String(row[1]);
}

// One row per series (or per period when there is one series), shaded by the measure.
function trendTable(series, measure, transpose) {
  const t = el("table", { class: "trend-grid" });
  const max = Math.max(1e-9, ...series.flatMap(([, rows]) => rows.map((r) => measure === "share" ? r[3] : r[1])));
  const cell = (r) => {
    const v = measure === "share" ? r[3] : r[1];
    const td = el("td", { title: `${r[0]}: ${r[1]} / ${r[2]} bài (${(100 * r[3]).toFixed(1)}%)` }, shown(r, measure));
    if (v > 0) td.style.background = `hsl(2, 70%, ${94 - (v / max) * 50}%)`;
    if (v / max > 0.6) td.style.color = "#fff";
    return td;
  };
  if (transpose) {
    t.append(el("tr", {}, el("th", {}, "kỳ"), el("th", {}, "số bài"), el("th", {}, "tổng"), el("th", {}, "tỷ lệ")));
    for (const r of series[0][1]) {
      t.append(el("tr", {}, el("td", {}, r[0]), el("td", {}, String(r[1])), el("td", {}, String(r[2])),
        el("td", {}, `${(100 * r[3]).toFixed(1)}%`)));
    }
    return t;
  }
  const periods = series[0][1].map((r) => r[0]);
  t.append(el("tr", {}, el("th", {}, ""), ...periods.map((p) => el("th", {}, p))));
  for (const [name, rows] of series) {
    t.append(el("tr", { dataset: { series: name } }, el("th", {}, name), ...rows.map(cell)));
  }
  return t;
}

// ---- timeline: the current search per month, as counts or shares of the same scope ----
let timelineKey = null;
async function renderTimeline(s) {
  const sel = $("timeline-measure");
  sel.value = s.measure;
  sel.onchange = () => writeState({ ...s, measure: sel.value });
  const key = apiParams(s).toString() + "|" + s.measure;
  if (key === timelineKey) return;
  timelineKey = key;
  const box = $("timeline");
  try {
    const res = await getJSON("/api/trend?by=month&" + apiParams(s).toString());
    const rows = (res.series || {}).all || [];
    drawSeries(box, rows, s.measure);
  } catch (err) {
    box.textContent = err.message;
  }
}

// Bars of a series of [period, count, total, share] rows, with the first and last period
// named and the highest value on the axis.
function drawSeries(box, rows, measure) {
  const months = {};
  for (const r of rows) months[r[0]] = measure === "share" ? r[3] : r[1];
  const svg = drawTimeline(box, months, measure === "share" ? (v) => `${(100 * v).toFixed(1)}%` : String);
  if (svg) box.dataset.measure = measure;
}

function drawTimeline(box, months, fmt = String) {
  box.replaceChildren();
  const keys = Object.keys(months).sort();
  if (keys.length === 0) { box.textContent = "—"; return null; }
  // The periods come complete from the trend (zeros kept); a lone period is padded so it is
  // a bar, not a wall.
  const all = keys.slice();
  while (all.length < 12) all.push("");
  const NS = "http://www.w3.org/2000/svg";
  const W = 300, H = 100, B = 14;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  const max = Math.max(...all.map((k) => months[k] || 0));
  const bw = W / all.length;
  all.forEach((k, i) => {
    const n = months[k] || 0;
    if (!n) return;
    const h = ((H - B) * n) / max;
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("x", String(i * bw));
    r.setAttribute("y", String(H - B - h));
    r.setAttribute("width", String(Math.max(bw - 0.5, 0.5)));
    r.setAttribute("height", String(h));
    const title = document.createElementNS(NS, "title");
    title.textContent = `${k}: ${fmt(n)}`;
    r.append(title);
    svg.append(r);
  });
  // The axis: the highest value, and the first and last period.
  const top = document.createElementNS(NS, "text");
  top.setAttribute("x", "1");
  top.setAttribute("y", "8");
  top.setAttribute("class", "axis");
  top.textContent = fmt(max);
  svg.append(top);
  for (const [k, anchor, x] of [[keys[0], "start", 0], [keys[keys.length - 1], "end", W]]) {
    const t = document.createElementNS(NS, "text");
    t.setAttribute("x", String(x));
    t.setAttribute("y", String(H - 2));
    t.setAttribute("text-anchor", anchor);
    t.textContent = k;
    svg.append(t);
  }
  box.append(svg);
  return svg;
}

// ---- the article view ----
function showResults() {
  $("article-view").hidden = true;
  $("results-view").hidden = false;
}

async function showArticle(id, s) {
  const rec = await getJSON("/api/articles/" + encodeURIComponent(id));
  $("results-view").hidden = true;
  $("article-view").hidden = false;
  $("article-title").textContent = rec.title || "(không tiêu đề)";
  const meta = $("article-meta");
  meta.replaceChildren();
  const bits = [rec.published, rec.province && (rec.province_now && rec.province_now !== rec.province
    ? `${rec.province} (nay ${rec.province_now})` : rec.province), rec.author].filter(Boolean);
  meta.append(bits.join(" · "));
  if (rec.url && /^https?:\/\//i.test(rec.url)) {
    meta.append(" · ", el("a", { href: rec.url, target: "_blank", rel: "noopener noreferrer" }, host(rec.url) || "nguồn"));
  }
  const legend = $("legend");
  legend.replaceChildren(...KINDS.map(([k, name]) => el("span", { class: `swatch ent-${k}` }, name)));
  const ents = collectEntities(rec);
  renderBody($("article-body"), rec.body || "", ents);
  renderEntityList($("entities"), ents);
  window.scrollTo(0, 0);
  void s;
}

function collectEntities(rec) {
  const out = [];
  const e = rec.entities || {};
  for (const [kind] of KINDS) {
    (e[kind] || []).forEach((x, i) => {
      if (Number.isInteger(x.start) && Number.isInteger(x.end) && x.end > x.start) {
        out.push({ kind, i, key: `${kind}-${i}`, start: x.start, end: x.end, item: x });
      }
    });
  }
  return out;
}

// Offsets are Unicode code points: Array.from splits a string into code points, unlike
// String indexing, which counts UTF-16 units.
function renderBody(box, body, ents) {
  box.replaceChildren();
  const cps = Array.from(body);
  const valid = ents.filter((x) => x.end <= cps.length);
  const cuts = new Set([0, cps.length]);
  for (const x of valid) { cuts.add(x.start); cuts.add(x.end); }
  const bounds = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i], b = bounds[i + 1];
    const text = cps.slice(a, b).join("");
    const covering = valid.filter((x) => x.start <= a && x.end >= b);
    if (covering.length === 0) { box.append(text); continue; }
    // The innermost mention gives the colour (a locality inside a document name).
    covering.sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const inner = covering[0];
    box.append(el("mark", {
      class: `ent ent-${inner.kind}`,
      title: covering.map((x) => `${label(x.kind)}: ${describe(x)}`).join("\n"),
      dataset: { ents: covering.map((x) => x.key).join(" ") },
    }, text));
  }
}

function label(kind) {
  return (KINDS.find(([k]) => k === kind) || [kind, kind])[1];
}

function describe(x) {
  const it = x.item;
  switch (x.kind) {
    case "documents": return it.canonical || it.text;
    case "officials": return it.name;
    case "localities": return it.name;
    case "dates": return it.until ? `${it.value} – ${it.until}` : it.value;
    case "statistics": return `${it.value} ${it.unit || ""}`.trim();
    default: return it.text;
  }
}

function detail(x) {
  const it = x.item;
  switch (x.kind) {
    case "documents": return [it.kind, it.term && `khóa ${it.term}`, it.date].filter(Boolean).join(" · ");
    case "officials": return (it.titles || []).join("; ");
    case "localities": return [it.level, it.province].filter(Boolean).join(" · ");
    case "statistics": return [it.subject, it.year].filter(Boolean).join(" · ");
    default: return it.text !== describe(x) ? it.text : "";
  }
}

// Repeated mentions (the same name, value and detail) are listed once with a count;
// clicking an item flashes every mention of it in the text.
function renderEntityList(box, ents) {
  box.replaceChildren();
  for (const [kind, name] of KINDS) {
    const groups = new Map();
    for (const x of ents.filter((e) => e.kind === kind)) {
      const k = describe(x) + "\u0000" + detail(x);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(x);
    }
    const ul = el("ul", {});
    for (const xs of groups.values()) {
      const sub = detail(xs[0]);
      ul.append(el("li", { dataset: { kind } },
        el("button", { type: "button", onclick: () => flash(xs.map((x) => x.key)) },
          describe(xs[0]), xs.length > 1 ? el("span", { class: "times" }, ` ×${xs.length}`) : null,
          sub ? el("span", { class: "sub" }, sub) : null)));
    }
    const total = ents.filter((e) => e.kind === kind).length;
    if (total === 0) ul.append(el("li", { class: "meta" }, "—"));
    box.append(el("section", { id: `ents-${kind}` },
      el("h2", {}, el("span", { class: `swatch ent-${kind}` }, "\u00a0"), `${name} (${total})`), ul));
  }
}

function flash(keys) {
  const marks = [...document.querySelectorAll("#article-body mark.ent")]
    .filter((m) => m.dataset.ents.split(" ").some((k) => keys.includes(k)));
  document.querySelectorAll("mark.flash").forEach((m) => m.classList.remove("flash"));
  marks.forEach((m) => m.classList.add("flash"));
  if (marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

// ---- wiring ----
document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const s = readState();
    writeState({ ...s, q: $("q").value.trim(), from: $("from").value.trim(), to: $("to").value.trim(),
                 copies: $("copies").checked ? "all" : "", year: "", offset: 0, article: "" });
  });
  $("copies").addEventListener("change", () =>
    writeState({ ...readState(), copies: $("copies").checked ? "all" : "", offset: 0, article: "" }));
  $("back").addEventListener("click", () => writeState({ ...readState(), article: "" }));
  window.addEventListener("hashchange", render);
  render();
});
