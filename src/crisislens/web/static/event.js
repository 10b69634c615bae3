// The event page: what happened, and every report of it with its sentence highlighted in the article.

import { getJSON, showError } from "./api.js";
import { actorLink, dash, fmtDate, fmtInt, fmtNum, goldsteinBadge, h } from "./dom.js";

// A paragraph longer than this is cut to a window around the sentence in the short view.
const MAX_CONTEXT = 1200;
const WINDOW = 400;

/** Python counts characters in code points, JavaScript in UTF-16 units; they differ past any emoji. */
function toUnits(text, offset) {
  if (!/[\uD800-\uDFFF]/.test(text)) return offset;
  let units = 0;
  let points = 0;
  while (points < offset && units < text.length) {
    units += text.codePointAt(units) > 0xffff ? 2 : 1;
    points += 1;
  }
  return units;
}

/** [start, end) of the paragraph holding text[start, end), clipped to a window when very long. */
function paragraphAround(text, start, end) {
  let from = text.lastIndexOf("\n\n", Math.max(0, start - 1));
  from = from < 0 ? 0 : from + 2;
  // Sentences keep the blank line that follows them; the paragraph ends there, not at the next one.
  const sentenceEnd = start + text.slice(start, end).trimEnd().length;
  let to = text.indexOf("\n\n", sentenceEnd);
  to = to < 0 ? text.length : to;
  if (to - from > MAX_CONTEXT) {
    from = Math.max(from, start - WINDOW);
    to = Math.min(to, sentenceEnd + WINDOW);
  }
  return [Math.min(from, start), Math.max(to, sentenceEnd)];
}

/** The text from..to with [start, end) in a <mark>, leading/trailing whitespace left outside it. */
function highlighted(text, from, to, start, end) {
  const sentence = text.slice(start, end);
  const lead = sentence.length - sentence.trimStart().length;
  const trail = sentence.length - sentence.trimEnd().length;
  const [markStart, markEnd] = [start + lead, Math.max(start + lead, end - trail)];
  return [
    from > 0 ? "… " : "",
    text.slice(from, markStart),
    h("mark", { testid: "highlight" }, text.slice(markStart, markEnd)),
    text.slice(markEnd, to),
    to < text.length ? " …" : "",
  ];
}

function scrollToMark(box) {
  const mark = box.querySelector("mark");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
}

function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function reportCard(report, articleText) {
  const article = report.article || { article_id: report.article_id };
  const url = safeUrl(article.url);
  const title = article.title || article.article_id;
  const box = h("div", { class: "article-text", testid: "article-text" });
  const toggle = h("button", { type: "button", class: "link-button", testid: "toggle-article" }, "Show whole article");
  let whole = false;

  function fill(text) {
    if (text === null) {
      box.replaceChildren(h("mark", { testid: "highlight" }, report.sentence.trim()));
      toggle.hidden = true;
      return;
    }
    const start = toUnits(text, report.start);
    const end = toUnits(text, report.end);
    const [from, to] = whole ? [0, text.length] : paragraphAround(text, start, end);
    box.replaceChildren(...highlighted(text, from, to, start, end).filter((part) => part !== ""));
    box.classList.toggle("whole", whole);
    toggle.textContent = whole ? "Show the paragraph only" : "Show whole article";
    toggle.hidden = false;
    requestAnimationFrame(() => scrollToMark(box));
  }

  fill(null);
  articleText.then((text) => {
    toggle.onclick = () => {
      whole = !whole;
      fill(text);
    };
    fill(text);
  }, () => {}); // the error banner already says why; the sentence alone stays shown

  const counts = [
    report.fatalities !== null && report.fatalities !== undefined ? `${fmtInt(report.fatalities)} killed` : null,
    report.injured !== null && report.injured !== undefined ? `${fmtInt(report.injured)} injured` : null,
  ].filter(Boolean).join(", ");
  return h("article", { class: "report", testid: "report", "data-article": report.article_id },
    h("header", {},
      h("h3", {}, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, title) : title),
      h("div", { class: "muted" }, [article.source, article.published, `article ${report.article_id}`].filter(Boolean).join(" · "))),
    h("div", { class: "report-meta" },
      report.trigger ? h("span", {}, "trigger ", h("b", {}, report.trigger)) : null,
      report.cameo ? h("span", {}, `CAMEO ${report.cameo}`) : null,
      counts ? h("span", {}, counts) : null,
      report.reported_by ? h("span", {}, `according to ${report.reported_by}`) : null,
      Number.isInteger(report.sentence_index)
        ? h("span", {}, report.sentence_index < 0 ? "headline" : `sentence ${report.sentence_index + 1}`)  // a headline coded apart from the text
        : null),
    box, toggle);
}

function fact(label, ...value) {
  return [h("dt", {}, label), h("dd", {}, ...value)];
}

function facts(event) {
  const place = event.location;
  const placeText = place
    ? [place.name, place.country ? ` (${place.country})` : "",
      h("span", { class: "muted" }, ` ${fmtNum(place.lat, 2)}, ${fmtNum(place.lon, 2)} · ${dash(place.precision)}`)]
    : [h("span", { class: "muted" }, "unknown")];
  const flags = [event.negated ? "negated" : null, event.hypothetical ? "hypothetical" : null].filter(Boolean);
  return h("dl", { class: "facts" },
    fact("Date", fmtDate(event.date, event.date_precision),
      h("span", { class: "muted" }, ` precision ${dash(event.date_precision)}`),
      event.date_text ? h("span", { class: "quote" }, ` “${event.date_text}”`) : null),
    fact("Source", actorLink(event.source_actor)),
    fact("Target", actorLink(event.target_actor)),
    fact("Action", h("b", {}, dash(event.cameo)), ` ${dash(event.cameo_name)}`,
      h("span", { class: "muted" }, ` root ${dash(event.cameo_root)} · quad class ${dash(event.quad_class)}`)),
    fact("PLOVER", dash(event.plover)),
    fact("ACLED type", dash(event.acled_type)),
    fact("Goldstein", goldsteinBadge(event.goldstein)),
    fact("Place", ...placeText),
    fact("Killed", fmtInt(event.fatalities)),
    fact("Injured", fmtInt(event.injured)),
    fact("Reported by", dash(event.reported_by)),
    fact("Articles", fmtInt(event.num_articles),
      h("span", { class: "muted" }, ` first ${dash(event.first_reported)} · last ${dash(event.last_reported)}`)),
    flags.length ? fact("Flags", flags.join(", ")) : null,
    fact("Event id", h("code", {}, event.event_id)));
}

/** Renders #/event/<id> into `view`. */
export async function renderEventPage(view, eventId, { signal, backHref }) {
  const page = h("div", { class: "page", testid: "event-page" },
    h("a", { href: backHref, class: "back" }, "← Overview"),
    h("p", { class: "loading" }, "Loading event…"));
  view.replaceChildren(page);
  const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`, {}, signal);

  const articles = new Map();
  const articleText = (articleId) => {
    if (!articles.has(articleId)) {
      const text = getJSON(`/api/articles/${encodeURIComponent(articleId)}`, {}, signal).then((a) => a.text);
      text.catch(showError);
      articles.set(articleId, text);
    }
    return articles.get(articleId);
  };
  const reports = event.reports || [];
  page.replaceChildren(
    h("a", { href: backHref, class: "back" }, "← Overview"),
    h("h1", {}, event.summary || event.event_id),
    facts(event),
    h("h2", {}, `Reports (${fmtInt(reports.length)})`),
    h("p", { class: "muted" }, "Each sentence that reports this event, highlighted in its article."),
    h("div", { class: "reports" }, reports.map((report) => reportCard(report, articleText(report.article_id)))));
}
