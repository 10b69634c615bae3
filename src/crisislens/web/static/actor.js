// The actor page: who it is, the names it goes by, its events and the actors it deals with.

import { getJSON } from "./api.js";
import { actorHref, dash, fmtInt, goldsteinBadge, h } from "./dom.js";
import { overviewHash } from "./filters.js";
import { plainEventsTable } from "./table.js";

function counterpartsTable(counterparts) {
  if (!counterparts.length) return h("p", { class: "empty" }, "No counterparts.");
  return h("div", { class: "table-scroll" },
    h("table", { class: "events counterparts", testid: "counterparts" },
      h("thead", {}, h("tr", {}, h("th", {}, "Actor"), h("th", {}, "Country"), h("th", { class: "num" }, "Events"), h("th", { class: "num" }, "Mean Goldstein"))),
      h("tbody", {}, counterparts.map((c) => h("tr", {},
        h("td", {}, h("a", { href: actorHref(c.actor_id), "data-actor": c.actor_id }, c.name)),
        h("td", {}, dash(c.country)),
        h("td", { class: "num" }, fmtInt(c.events)),
        h("td", { class: "num" }, goldsteinBadge(c.mean_goldstein)))))));
}

/** Renders #/actor/<id> into `view`. */
export async function renderActorPage(view, actorId, { signal, backHref }) {
  const page = h("div", { class: "page", testid: "actor-page" },
    h("a", { href: backHref, class: "back" }, "← Overview"),
    h("p", { class: "loading" }, "Loading actor…"));
  view.replaceChildren(page);
  const actor = await getJSON(`/api/actors/${encodeURIComponent(actorId)}`, {}, signal);
  // The contract lists them as `events`; a server that keeps `events` as the count sends `recent_events`.
  const events = Array.isArray(actor.events) ? actor.events : actor.recent_events || [];
  const total = Number.isInteger(actor.events) ? actor.events : events.length;
  const counterparts = actor.counterparts || [];
  const aliases = (actor.aliases || []).filter((alias) => alias !== actor.name);

  page.replaceChildren(
    h("a", { href: backHref, class: "back" }, "← Overview"),
    h("h1", {}, actor.name),
    h("dl", { class: "facts" },
      h("dt", {}, "Actor id"), h("dd", {}, h("code", {}, actor.actor_id)),
      h("dt", {}, "Type"), h("dd", {}, dash(actor.type)),
      h("dt", {}, "Country"), h("dd", {}, dash(actor.country)),
      h("dt", {}, "Role"), h("dd", {}, dash(actor.role)),
      h("dt", {}, "Mentions"), h("dd", {}, fmtInt(actor.mentions)),
      h("dt", {}, "Also written"), h("dd", { testid: "aliases" },
        aliases.length ? aliases.map((alias) => h("span", { class: "chip" }, alias)) : h("span", { class: "muted" }, "–"))),
    h("p", {}, h("a", { href: overviewHash({ actor: actor.actor_id }), testid: "actor-overview" }, "Show this actor on the overview (map, timeline, network) →")),
    h("section", { class: "panel", testid: "actor-events" },
      h("header", { class: "panel-head" }, h("h2", {}, `Events (${fmtInt(total)}${total > events.length ? `, newest ${fmtInt(events.length)} shown` : ""})`)),
      plainEventsTable(events)),
    h("section", { class: "panel", testid: "actor-counterparts" },
      h("header", { class: "panel-head" }, h("h2", {}, `Counterparts (${fmtInt(counterparts.length)})`)),
      counterpartsTable(counterparts)));
}
