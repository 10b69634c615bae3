// Event tables: the overview's sortable, paginated one and the plain list of an actor page.

import { actorLink, dash, eventHref, fmtDate, fmtInt, goldsteinBadge, h } from "./dom.js";

const SORTABLE = { date: "Date", fatalities: "Killed", num_articles: "Articles" };

function sortHeader(key, sort, onSort) {
  const active = sort.replace(/^-/, "") === key;
  const descending = sort.startsWith("-");
  const arrow = active ? (descending ? " ▼" : " ▲") : "";
  // First click sorts descending (newest, deadliest, most reported), a second click flips it.
  const next = active && descending ? key : `-${key}`;
  return h("button", {
    type: "button", class: `sort${active ? " active" : ""}`, testid: `sort-${key}`,
    "aria-sort": active ? (descending ? "descending" : "ascending") : null, onclick: () => onSort(next),
  }, SORTABLE[key], arrow);
}

function eventRow(event) {
  const open = (click) => {
    if (!click.target.closest("a")) location.hash = eventHref(event.event_id);
  };
  const typeLine = [event.cameo ? `CAMEO ${event.cameo}` : null, event.plover, event.acled_type].filter(Boolean).join(" · ");
  return h("tr", { testid: "event-row", "data-event": event.event_id, title: event.summary, onclick: open },
    h("td", { class: "nowrap" }, fmtDate(event.date, event.date_precision)),
    h("td", {}, actorLink(event.source_actor)),
    h("td", {},
      h("a", { href: eventHref(event.event_id), class: "event-link" }, dash(event.cameo_name || event.summary)),
      h("div", { class: "sub" }, typeLine)),
    h("td", {}, actorLink(event.target_actor)),
    h("td", {}, event.location ? event.location.name : h("span", { class: "muted" }, "–")),
    h("td", { class: "num" }, goldsteinBadge(event.goldstein)),
    h("td", { class: "num" }, fmtInt(event.fatalities)),
    h("td", { class: "num" }, fmtInt(event.injured)),
    h("td", { class: "num" }, fmtInt(event.num_articles)));
}

function eventTable(events, headers) {
  return h("div", { class: "table-scroll" },
    h("table", { class: "events" },
      h("thead", {}, h("tr", {}, headers.map(([text, cls]) => h("th", { class: cls || null }, text)))),
      h("tbody", {}, events.map(eventRow))));
}

/** The overview table of one page of /api/events, with sort buttons and prev/next. */
export function renderEventsTable(container, page, { sort, onSort, onPage }) {
  const headers = [
    [sortHeader("date", sort, onSort)], ["Source"], ["Action"], ["Target"], ["Place"],
    ["Goldstein", "num"], [sortHeader("fatalities", sort, onSort), "num"], ["Injured", "num"],
    [sortHeader("num_articles", sort, onSort), "num"],
  ];
  const first = page.total ? page.offset + 1 : 0;
  const last = page.offset + page.items.length;
  const pager = h("div", { class: "pager" },
    h("span", { testid: "events-range" }, `${fmtInt(first)}–${fmtInt(last)} of ${fmtInt(page.total)} events`),
    h("button", { type: "button", testid: "prev-page", disabled: page.offset <= 0, onclick: () => onPage(Math.max(0, page.offset - page.limit)) }, "‹ Prev"),
    h("button", { type: "button", testid: "next-page", disabled: last >= page.total, onclick: () => onPage(page.offset + page.limit) }, "Next ›"));
  const body = page.items.length
    ? eventTable(page.items, headers)
    : h("p", { class: "empty", testid: "events-empty" }, "No events match these filters.");
  container.replaceChildren(pager, body);
}

/** A plain table of events (an actor's), newest first as the API gives them. */
export function plainEventsTable(events) {
  const headers = [["Date"], ["Source"], ["Action"], ["Target"], ["Place"], ["Goldstein", "num"], ["Killed", "num"], ["Injured", "num"], ["Articles", "num"]];
  return events.length ? eventTable(events, headers) : h("p", { class: "empty" }, "No events.");
}
