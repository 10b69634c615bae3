// Entry point: routes #/ (overview), #/event/<id> and #/actor/<id>.

import { hideError, showError } from "./api.js";
import { renderActorPage } from "./actor.js";
import { h } from "./dom.js";
import { renderEventPage } from "./event.js";
import { parseHash } from "./filters.js";
import { createOverview } from "./overview.js";

const view = document.getElementById("view");
let overview = null;
let pageController = null;
// Pages link back to the overview as the user last left it, filters included.
let lastOverviewHash = "#/";

function pageError(error, what) {
  if (error.name === "AbortError") return;
  showError(error);
  const page = view.querySelector(".page");
  const message = error.status === 404 ? `No ${what} with this id.` : `The ${what} could not be loaded.`;
  const box = h("div", { class: "page-error", testid: "page-error" },
    h("h1", {}, message), h("p", {}, error.message), h("p", {}, h("a", { href: lastOverviewHash }, "← Back to the overview")));
  (page || view).replaceChildren(box);
}

function route() {
  const { page, id, params } = parseHash();
  if (pageController) pageController.abort();
  pageController = null;
  hideError();

  if (page === "overview") {
    lastOverviewHash = location.hash || "#/";
    if (!overview) overview = createOverview(view);
    overview.update(params);
    return;
  }
  if (overview) overview.dispose();
  overview = null;
  window.scrollTo(0, 0);
  if (page === "unknown") {
    view.replaceChildren(h("div", { class: "page page-error", testid: "page-error" },
      h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "← Overview"))));
    return;
  }
  pageController = new AbortController();
  const options = { signal: pageController.signal, backHref: lastOverviewHash };
  const render = page === "event" ? renderEventPage : renderActorPage;
  render(view, id, options).catch((error) => pageError(error, page));
}

document.querySelector("#error-banner .error-close").addEventListener("click", hideError);
window.addEventListener("hashchange", route);
route();
