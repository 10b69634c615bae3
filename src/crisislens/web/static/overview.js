// The overview page (#/?filters): filter bar, stats, map, network, timeline and the event table.

import { getJSON, showError } from "./api.js";
import { actorHref, eventHref, fmtDate, fmtInt, h } from "./dom.js";
import { filterBar, filtersFrom, overviewHash } from "./filters.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderEventsTable } from "./table.js";
import { renderTimeline } from "./timeline.js";

const PAGE_SIZE = 50;
const MAX_POINT_EVENTS = 20;
const DEFAULTS = { by: "week", sort: "-date", offset: "0" };
const PERIODS = ["day", "week", "month"];

let countriesGeoJSON = null;

function countries() {
  countriesGeoJSON = countriesGeoJSON || getJSON("/api/countries").catch((error) => {
    countriesGeoJSON = null;
    throw error;
  });
  return countriesGeoJSON;
}

/** The view settings (period, sort, page) of the URL query, defaults filled in. */
function viewSettings(params) {
  const by = PERIODS.includes(params.get("by")) ? params.get("by") : DEFAULTS.by;
  const sort = params.get("sort") || DEFAULTS.sort;
  const offset = Math.max(0, Number.parseInt(params.get("offset") || "0", 10) || 0);
  return { by, sort, offset };
}

/** Navigates to the overview with `changes` applied to the current filters and settings. */
function navigate(filters, settings, changes) {
  const next = { ...filters, ...settings, ...changes };
  for (const [key, value] of Object.entries(DEFAULTS)) {
    if (String(next[key]) === value) delete next[key];
  }
  location.hash = overviewHash(next);
}

function statsLine(stats) {
  const span = stats.first_date ? ` · events dated ${stats.first_date} – ${stats.last_date}` : "";
  return `${fmtInt(stats.events)} events from ${fmtInt(stats.articles)} articles `
    + `(${fmtInt(stats.sentences)} sentences, ${fmtInt(stats.mentions)} event mentions) · ${fmtInt(stats.actors)} actors${span}`;
}

function panelHead(title, ...tools) {
  return h("header", { class: "panel-head" }, h("h2", {}, title), h("div", { class: "panel-tools" }, ...tools));
}

/**
 * One panel that reloads when its inputs change: `key` names the inputs, `load` fetches, `draw` renders.
 * A newer load aborts an older one, so answers arriving out of order never overwrite newer ones.
 */
function reloading(body, load, draw) {
  let key = null;
  let controller = null;
  let last = null;
  return {
    refresh(nextKey, ...args) {
      if (nextKey === key) return;
      key = nextKey;
      if (controller) controller.abort();
      controller = new AbortController();
      const signal = controller.signal;
      body.classList.add("is-loading");
      load(signal, ...args).then((data) => {
        if (signal.aborted) return;
        last = data;
        body.classList.remove("is-loading");
        draw(data);
      }, (error) => {
        if (signal.aborted) return;
        key = null;
        body.classList.remove("is-loading");
        showError(error);
      });
    },
    redraw() {
      if (last) draw(last);
    },
    dispose() {
      if (controller) controller.abort();
    },
  };
}

/** Builds the overview into `view`; returns {update(params), dispose()} for later hash changes. */
export function createOverview(view) {
  let filters = {};
  let settings = viewSettings(new URLSearchParams());
  const go = (changes) => navigate(filters, settings, changes);

  const filterHost = h("div");
  const totals = h("span", {}, "Loading…");
  const matching = h("span", { class: "matching", testid: "matching" });
  const stats = h("div", { class: "stats", testid: "stats" }, totals, matching);
  const mapBody = h("div", { class: "panel-body map-body" });
  const pointPanel = h("div", { class: "point-events", testid: "point-events", hidden: true });
  const networkBody = h("div", { class: "panel-body" });
  const timelineBody = h("div", { class: "panel-body timeline-body" });
  const tableBody = h("div", { class: "panel-body" });
  const periodButtons = PERIODS.map((by) => h("button", { type: "button", "data-by": by, testid: `by-${by}`, onclick: () => go({ by, offset: 0 }) }, by));

  view.replaceChildren(h("div", { class: "overview" },
    filterHost, stats,
    h("div", { class: "grid" },
      h("section", { class: "panel map-panel", testid: "map" }, panelHead("Where"), mapBody, pointPanel),
      h("section", { class: "panel network-panel", testid: "network" }, panelHead("Who with whom"), networkBody)),
    h("section", { class: "panel", testid: "timeline" },
      panelHead("When", h("span", { class: "hint" }, "bars: events per period · line: escalation index (mean Goldstein) · click a bar to filter"), ...periodButtons),
      timelineBody),
    h("section", { class: "panel", testid: "events-table" }, panelHead("Events"), tableBody)));

  getJSON("/api/stats").then((data) => { totals.textContent = statsLine(data); }, showError);

  let shownPoint = null;
  async function showPoint(point) {
    shownPoint = point;
    pointPanel.hidden = false;
    const list = h("ul", {}, h("li", { class: "muted" }, "Loading…"));
    pointPanel.replaceChildren(
      h("div", { class: "point-head" },
        h("b", {}, point.name), point.country ? ` (${point.country})` : "",
        ` · ${fmtInt(point.events)} events · ${fmtInt(point.fatalities)} killed`,
        h("span", { class: "spacer" }),
        h("button", { type: "button", onclick: () => go({ place: point.name, offset: 0 }) }, "Filter to this place"),
        h("button", { type: "button", "aria-label": "Close", onclick: () => { pointPanel.hidden = true; } }, "×")),
      list);
    const ids = (point.event_ids || []).slice(0, MAX_POINT_EVENTS);
    const events = await Promise.all(ids.map((id) => getJSON(`/api/events/${encodeURIComponent(id)}`).catch((error) => {
      showError(error);
      return null;
    })));
    if (shownPoint !== point) return; // another place was clicked meanwhile
    const items = events.filter(Boolean).map((event) => h("li", {},
      h("span", { class: "muted" }, fmtDate(event.date, event.date_precision), " "),
      h("a", { href: eventHref(event.event_id) }, event.summary || event.event_id)));
    if (point.events > ids.length) {
      items.push(h("li", { class: "muted" }, `… and ${fmtInt(point.events - ids.length)} more: use “Filter to this place”.`));
    }
    list.replaceChildren(...items);
  }

  const map = reloading(mapBody,
    (signal) => Promise.all([countries(), getJSON("/api/map", filters, signal)]),
    ([world, data]) => renderMap(mapBody, world, data, { onPoint: showPoint }));
  const network = reloading(networkBody,
    (signal) => getJSON("/api/network", filters, signal),
    (data) => renderNetwork(networkBody, data, { onNode: (node) => { location.hash = actorHref(node.id); } }));
  const timeline = reloading(timelineBody,
    (signal) => Promise.all([
      getJSON("/api/timeline", { ...filters, by: settings.by }, signal),
      getJSON("/api/escalation", { ...filters, by: settings.by }, signal),
    ]),
    ([series, escalation]) => renderTimeline(timelineBody, series, escalation, { onPeriod: (since, until) => go({ since, until, offset: 0 }) }));
  const table = reloading(tableBody,
    (signal) => getJSON("/api/events", { ...filters, sort: settings.sort, limit: PAGE_SIZE, offset: settings.offset }, signal),
    (page) => {
      matching.textContent = Object.keys(filters).length ? `${fmtInt(page.total)} events match the filters` : "";
      renderEventsTable(tableBody, page, { sort: settings.sort, onSort: (sort) => go({ sort, offset: 0 }), onPage: (offset) => go({ offset }) });
    });

  let resizeTimer = null;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => timeline.redraw(), 150);
  };
  window.addEventListener("resize", onResize);

  return {
    update(params) {
      filters = filtersFrom(params);
      settings = viewSettings(params);
      const filterKey = JSON.stringify(filters);
      filterHost.replaceChildren(filterBar(filters, (next) => navigate(next, { ...settings, offset: 0 }, {})));
      for (const button of periodButtons) button.classList.toggle("active", button.dataset.by === settings.by);
      pointPanel.hidden = true;
      map.refresh(filterKey);
      network.refresh(filterKey);
      timeline.refresh(`${filterKey}|${settings.by}`);
      table.refresh(`${filterKey}|${settings.sort}|${settings.offset}`);
    },
    dispose() {
      window.removeEventListener("resize", onResize);
      for (const panel of [map, network, timeline, table]) panel.dispose();
    },
  };
}
