// World map: equirectangular projection, countries shaded by events, one circle per named place.
// Zoom with the wheel or the +/− buttons, drag to pan; "Fit events" and "World" reset the view.

import { fmtInt, h, s } from "./dom.js";

const WIDTH = 960;
const HEIGHT = 460;
// Antarctica and the Arctic ocean carry no events; leaving them out gives the inhabited world more room.
const WORLD = [-180, -58, 180, 84];
const MAX_SCALE = 400; // px per degree: a city's streets are beyond what 1:110m outlines can show
const LABELLED_POINTS = 8;
const LABEL_CHAR_WIDTH = 6.6; // 12px sans-serif, on average

function ringPath(ring) {
  return `M${ring.map(([lon, lat]) => `${lon},${lat}`).join("L")}Z`;
}

function geometryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

/** The view {cx, cy, k} (centre in degrees, pixels per degree) showing [minLon, minLat, maxLon, maxLat]. */
function fit([minLon, minLat, maxLon, maxLat]) {
  return {
    cx: (minLon + maxLon) / 2,
    cy: (minLat + maxLat) / 2,
    k: Math.min(WIDTH / (maxLon - minLon), HEIGHT / (maxLat - minLat)),
  };
}

const WORLD_SCALE = fit(WORLD).k;

/** The points' extent, padded, never tighter than a region with its neighbours (about 28° × 14°). */
function pointsExtent(points) {
  if (!points.length) return WORLD;
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  let [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const padLon = Math.max((maxLon - minLon) * 0.15, 14);
  const padLat = Math.max((maxLat - minLat) * 0.15, 7);
  minLon = Math.max(minLon - padLon, -180);
  maxLon = Math.min(maxLon + padLon, 180);
  minLat = Math.max(minLat - padLat, -85);
  maxLat = Math.min(maxLat + padLat, 85);
  return [minLon, minLat, maxLon, maxLat];
}

function shade(events, maxEvents) {
  if (!events) return "#e9ecef";
  const t = Math.sqrt(events / maxEvents);
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(205, 52)},${mix(217, 89)},${mix(230, 128)})`;
}

/**
 * Draws the map into `container`. `world` is the countries GeoJSON, `data` the /api/map answer;
 * onPoint(point) is called when a place's circle is clicked.
 */
export function renderMap(container, world, data, { onPoint }) {
  const byCountry = new Map(data.countries.map((c) => [c.country, c]));
  const maxCountry = Math.max(1, ...data.countries.map((c) => c.events));
  const points = data.points.filter((p) => p.lat !== null && p.lon !== null);
  const maxPoint = Math.max(1, ...points.map((p) => p.events));

  const countries = s("g", { class: "countries" }, world.features.map((feature) => {
    const { iso3, name } = feature.properties;
    const stats = iso3 ? byCountry.get(iso3) : null;
    const title = stats ? `${name} (${iso3}): ${fmtInt(stats.events)} events, ${fmtInt(stats.fatalities)} killed` : name;
    return s("path", { d: geometryPath(feature.geometry), fill: shade(stats && stats.events, maxCountry), "data-iso3": iso3 },
      s("title", {}, title));
  }));

  // Largest first so that small places stay clickable on top of big ones.
  const ordered = [...points].sort((a, b) => b.events - a.events);
  const labelled = new Set(ordered.slice(0, LABELLED_POINTS));
  const circles = ordered.map((point) => {
    const killed = point.fatalities ? `, ${fmtInt(point.fatalities)} killed` : "";
    return s("circle", {
      r: (3 + 13 * Math.sqrt(point.events / maxPoint)).toFixed(1), class: "point", tabindex: 0, "data-place": point.name,
      onclick: () => onPoint(point), onkeydown: (event) => event.key === "Enter" && onPoint(point),
    }, s("title", {}, `${point.name}${point.country ? ` (${point.country})` : ""}: ${fmtInt(point.events)} events${killed}`));
  });
  const labels = s("g", { class: "point-labels" });
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map-svg", role: "img", "aria-label": "World map of events" },
    s("rect", { class: "sea", x: 0, y: 0, width: WIDTH, height: HEIGHT }), countries, s("g", { class: "points" }, circles), labels);

  let view = fit(WORLD);

  function draw(next) {
    const k = Math.min(MAX_SCALE, Math.max(WORLD_SCALE, next.k));
    view = { k, cx: Math.min(180, Math.max(-180, next.cx)), cy: Math.min(85, Math.max(-85, next.cy)) };
    const project = (lon, lat) => [WIDTH / 2 + (lon - view.cx) * k, HEIGHT / 2 - (lat - view.cy) * k];
    countries.setAttribute("transform", `translate(${WIDTH / 2 - view.cx * k},${HEIGHT / 2 + view.cy * k}) scale(${k},${-k})`);
    labels.replaceChildren();
    const placed = [];
    ordered.forEach((point, i) => {
      const [x, y] = project(point.lon, point.lat);
      circles[i].setAttribute("cx", x.toFixed(1));
      circles[i].setAttribute("cy", y.toFixed(1));
      if (!labelled.has(point)) return;
      // Labels go to the busiest places first; one that would overlap an earlier label is left out.
      const r = Number(circles[i].getAttribute("r"));
      const box = { x0: x + r + 3, y0: y - 8, x1: x + r + 3 + point.name.length * LABEL_CHAR_WIDTH, y1: y + 6 };
      if (placed.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) return;
      placed.push(box);
      labels.append(s("text", { x: box.x0.toFixed(1), y: (y + 4).toFixed(1) }, point.name));
    });
  }

  /** Zooms by `factor` keeping the place under frame position (x, y) where it is. */
  function zoom(factor, x = WIDTH / 2, y = HEIGHT / 2) {
    const lon = view.cx + (x - WIDTH / 2) / view.k;
    const lat = view.cy - (y - HEIGHT / 2) / view.k;
    const k = Math.min(MAX_SCALE, Math.max(WORLD_SCALE, view.k * factor));
    draw({ k, cx: lon - (x - WIDTH / 2) / k, cy: lat + (y - HEIGHT / 2) / k });
    mark(null);
  }

  // Screen pixels to viewBox units: the SVG is scaled to its panel's width.
  const frameScale = () => WIDTH / svg.getBoundingClientRect().width;
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const scale = frameScale();
    zoom(event.deltaY < 0 ? 1.25 : 0.8, (event.clientX - rect.left) * scale, (event.clientY - rect.top) * scale);
  }, { passive: false });

  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, y: event.clientY, start: view, moved: false };
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const [dx, dy] = [event.clientX - drag.x, event.clientY - drag.y];
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svg.setPointerCapture(event.pointerId);
    drag.moved = true;
    const scale = frameScale() / drag.start.k;
    draw({ k: drag.start.k, cx: drag.start.cx - dx * scale, cy: drag.start.cy + dy * scale });
    mark(null);
  });
  // A drag that ends on a circle is a pan, not a click on that place.
  let panned = false;
  const endDrag = () => {
    panned = Boolean(drag && drag.moved);
    drag = null;
  };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  svg.addEventListener("click", (event) => {
    if (panned) event.stopPropagation();
    panned = false;
  }, true);

  const fitButton = h("button", { type: "button", testid: "map-fit", onclick: () => { draw(fit(pointsExtent(points))); mark("fit"); } }, "Fit events");
  const worldButton = h("button", { type: "button", testid: "map-world", onclick: () => { draw(fit(WORLD)); mark("world"); } }, "World");
  function mark(mode) {
    fitButton.classList.toggle("active", mode === "fit");
    worldButton.classList.toggle("active", mode === "world");
  }
  (points.length ? fitButton : worldButton).click();

  const legend = h("div", { class: "legend" },
    h("span", { class: "legend-item" }, h("span", { class: "swatch-ramp" }), `countries: 0 – ${fmtInt(maxCountry)} events`),
    h("span", { class: "legend-item" }, h("span", { class: "swatch-point" }), `places: circle area by events (max ${fmtInt(maxPoint)})`),
    h("span", { class: "legend-item" }, "click a circle for its events · wheel or +/− to zoom · drag to pan"));
  container.replaceChildren(
    h("div", { class: "panel-tools" },
      h("button", { type: "button", testid: "map-zoom-in", "aria-label": "Zoom in", onclick: () => zoom(1.5) }, "+"),
      h("button", { type: "button", testid: "map-zoom-out", "aria-label": "Zoom out", onclick: () => zoom(1 / 1.5) }, "−"),
      fitButton, worldButton),
    svg, legend);
}
