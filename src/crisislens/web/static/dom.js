// DOM building without innerHTML: every piece of data reaches the page as a text node.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else if (key === "testid") element.setAttribute("data-testid", value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h("a", {href: "#/"}, "text", otherNode). `testid` sets data-testid, `onclick` listens. */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same calling convention as h(). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

const numberFormat = new Intl.NumberFormat("en-US");

export function fmtInt(value) {
  return value === null || value === undefined ? "–" : numberFormat.format(value);
}

export function fmtNum(value, digits = 1) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
}

export function dash(value) {
  return value === null || value === undefined || value === "" ? "–" : value;
}

export function eventHref(eventId) {
  return `#/event/${encodeURIComponent(eventId)}`;
}

export function actorHref(actorId) {
  return `#/actor/${encodeURIComponent(actorId)}`;
}

/** An actor as a link to its page, or a dash when the event has none. */
export function actorLink(actor) {
  if (!actor) return h("span", { class: "muted" }, "–");
  const country = actor.country ? h("span", { class: "muted" }, ` ${actor.country}`) : null;
  return h("span", {}, h("a", { href: actorHref(actor.actor_id), "data-actor": actor.actor_id }, actor.name), country);
}

/** A date shown no finer than its precision: "2020-01" for a month, "2020" for a year. */
export function fmtDate(date, precision) {
  if (!date) return "undated";
  if (precision === "month") return date.slice(0, 7);
  if (precision === "year") return date.slice(0, 4);
  if (precision === "week") return `week of ${date}`;
  return date;
}

/** Goldstein scale (-10..10) as a signed number with a conflict/cooperation class. */
export function goldsteinBadge(value) {
  if (value === null || value === undefined) return h("span", { class: "muted" }, "–");
  const tone = value < 0 ? "conflict" : value > 0 ? "cooperation" : "neutral";
  const text = value > 0 ? `+${fmtNum(value)}` : fmtNum(value);
  return h("span", { class: `goldstein ${tone}` }, text);
}
