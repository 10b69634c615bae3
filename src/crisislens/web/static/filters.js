// The shared event filters: their inputs, and their home in the URL hash (#/?actor=Iran&since=2020-01-01).

import { h } from "./dom.js";

const CAMEO_ROOTS = [
  ["01", "Make public statement"], ["02", "Appeal"], ["03", "Express intent to cooperate"],
  ["04", "Consult"], ["05", "Diplomatic cooperation"], ["06", "Material cooperation"],
  ["07", "Provide aid"], ["08", "Yield"], ["09", "Investigate"], ["10", "Demand"],
  ["11", "Disapprove"], ["12", "Reject"], ["13", "Threaten"], ["14", "Protest"],
  ["15", "Exhibit force posture"], ["16", "Reduce relations"], ["17", "Coerce"],
  ["18", "Assault"], ["19", "Fight"], ["20", "Unconventional mass violence"],
];

const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

const ACLED_TYPES = [
  "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
  "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
  "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
  "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
  "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
  "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
  "Looting/property destruction", "Non-violent transfer of territory", "Other",
];

/** Each filter: URL/API parameter name, label, input kind, placeholder or choices. */
const FILTERS = [
  { key: "actor", label: "Actor", kind: "text", placeholder: "name or id, e.g. Iran" },
  { key: "country", label: "Country", kind: "text", placeholder: "ISO-3, e.g. IRQ", pattern: "[A-Za-z]{3}", title: "a three-letter ISO code, e.g. IRQ" },
  { key: "since", label: "Since", kind: "date" },
  { key: "until", label: "Until", kind: "date" },
  { key: "cameo", label: "CAMEO", kind: "select", choices: CAMEO_ROOTS.map(([code, name]) => [code, `${code} ${name}`]) },
  { key: "plover", label: "PLOVER", kind: "select", choices: PLOVER_TYPES.map((t) => [t, t]) },
  { key: "acled_type", label: "ACLED type", kind: "select", choices: ACLED_TYPES.map((t) => [t, t]) },
  { key: "place", label: "Place", kind: "text", placeholder: "e.g. Baghdad" },
  { key: "q", label: "Text", kind: "search", placeholder: "words in the reports" },
];

const FILTER_KEYS = FILTERS.map((f) => f.key);

/** The current route from location.hash: overview (with its query), event/<id> or actor/<id>. */
export function parseHash(hash = location.hash) {
  const body = hash.replace(/^#\/?/, "");
  const [path, query = ""] = body.split("?", 2);
  const params = new URLSearchParams(query);
  const [page, ...rest] = path.split("/");
  const id = rest.length ? decodeURIComponent(rest.join("/")) : null;
  if ((page === "event" || page === "actor") && id) return { page, id, params };
  return { page: path === "" ? "overview" : "unknown", id: null, params };
}

/** The filters present in the URL query, as an object ready for the API. */
export function filtersFrom(params) {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) || "").trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function overviewHash(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `#/?${text}` : "#/";
}

function filterInput(filter, value) {
  const attrs = { id: `filter-${filter.key}`, name: filter.key, testid: `filter-${filter.key}` };
  if (filter.kind === "select") {
    const choices = [...filter.choices];
    // A bookmarked value outside the known list is still shown and kept.
    if (value && !choices.some(([code]) => code === value)) choices.push([value, value]);
    return h("select", attrs,
      h("option", { value: "" }, "any"),
      choices.map(([code, text]) => h("option", { value: code, selected: code === value }, text)));
  }
  return h("input", {
    ...attrs, type: filter.kind, value: value || "", placeholder: filter.placeholder,
    pattern: filter.pattern, title: filter.title, autocomplete: "off", spellcheck: "false",
  });
}

/** The filter bar; onApply receives the filled-in filters, Reset clears them all. */
export function filterBar(current, onApply) {
  const form = h("form", { class: "filter-bar", testid: "filter-bar" },
    FILTERS.map((filter) => h("label", { class: `filter filter-${filter.kind}` },
      h("span", { class: "filter-label" }, filter.label),
      filterInput(filter, current[filter.key]))),
    h("div", { class: "filter-actions" },
      h("button", { type: "submit", class: "primary", testid: "apply-filters" }, "Apply"),
      h("button", { type: "button", testid: "reset-filters", onclick: () => onApply({}) }, "Reset")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const filters = {};
    for (const key of FILTER_KEYS) {
      let value = String(data.get(key) || "").trim();
      if (key === "country") value = value.toUpperCase();
      if (value) filters[key] = value;
    }
    onApply(filters);
  });
  return form;
}
