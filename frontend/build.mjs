// Writes src/crisislens/web/static/countries.geojson, the country outlines of the dashboard map,
// from Natural Earth 1:110m (npm `world-atlas`, public domain). Run at development time only:
//   cd frontend && npm ci && node build.mjs
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const SOURCE = require.resolve("world-atlas/countries-110m.json");
const TARGET = new URL("../src/crisislens/web/static/countries.geojson", import.meta.url);

const round = (x) => Math.round(x * 100) / 100;

// Natural Earth rings that cross the antimeridian (Russia, Fiji) or circle a pole (Antarctica) jump by
// 360° of longitude; drawn flat, each jump is a stripe across the map. So each ring is unwrapped (its
// longitudes run on past ±180), closed over the pole if it circles one, and cut back into [-180, 180].
function unwrap(ring) {
  const out = [ring[0]];
  let shift = 0;
  for (const [lon, lat] of ring.slice(1)) {
    const previous = out[out.length - 1][0];
    if (lon + shift - previous > 180) shift -= 360;
    else if (lon + shift - previous < -180) shift += 360;
    out.push([lon + shift, lat]);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (Math.abs(last[0] - first[0]) > 180) {
    const pole = out.reduce((sum, [, lat]) => sum + lat, 0) < 0 ? -90 : 90;
    out.push([last[0], pole], [first[0], pole], first);
  }
  return out;
}

// Sutherland–Hodgman against the strip lo <= lon <= hi (convex, so any ring clips correctly).
function clipToStrip(ring, lo, hi) {
  const clipEdge = (points, inside, cross) => {
    const out = [];
    points.forEach((point, i) => {
      const previous = points[(i + points.length - 1) % points.length];
      if (inside(point)) {
        if (!inside(previous)) out.push(cross(previous, point));
        out.push(point);
      } else if (inside(previous)) {
        out.push(cross(previous, point));
      }
    });
    return out;
  };
  const crossAt = (x) => ([x0, y0], [x1, y1]) => [x, y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)];
  const open = ring.slice(0, -1);
  const left = clipEdge(open, ([x]) => x >= lo, crossAt(lo));
  const both = clipEdge(left, ([x]) => x <= hi, crossAt(hi));
  return both.length >= 3 ? [...both, both[0]] : null;
}

function cutPolygon(rings) {
  const unwrapped = rings.map(unwrap);
  const lons = unwrapped[0].map(([lon]) => lon);
  const [min, max] = [Math.min(...lons), Math.max(...lons)];
  if (min >= -180 && max <= 180) return [unwrapped];
  const pieces = [];
  for (let j = Math.ceil((min - 180) / 360); j <= Math.floor((max + 180) / 360); j++) {
    const [lo, hi] = [-180 + 360 * j, 180 + 360 * j];
    const clipped = unwrapped.map((ring) => clipToStrip(ring, lo, hi));
    if (!clipped[0]) continue;
    pieces.push(clipped.filter(Boolean).map((ring) => ring.map(([lon, lat]) => [lon - 360 * j, lat])));
  }
  return pieces;
}

// Rounding merges neighbouring vertices; drop the repeats so rings stay valid and the file small.
function roundRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const point = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function planarGeometry(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const flat = polygons
    .flatMap(cutPolygon)
    .map((rings) => rings.map(roundRing).filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0);
  return flat.length === 1 ? { type: "Polygon", coordinates: flat[0] } : { type: "MultiPolygon", coordinates: flat };
}

const topology = JSON.parse(await readFile(SOURCE, "utf8"));
const collection = feature(topology, topology.objects.countries);

const features = collection.features
  .filter((f) => f.geometry)
  .map((f) => ({
    type: "Feature",
    properties: {
      // Some outlines (Kosovo, N. Cyprus, Somaliland) carry no ISO numeric id.
      iso3: (f.id && countries.numericToAlpha3(f.id)) || null,
      name: f.properties.name,
    },
    geometry: planarGeometry(f.geometry),
  }))
  .sort((a, b) => a.properties.name.localeCompare(b.properties.name, "en"));

// One feature per line keeps diffs of the generated file readable.
const body = features.map((f) => JSON.stringify(f)).join(",\n");
await writeFile(TARGET, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);

const missing = features.filter((f) => !f.properties.iso3).map((f) => f.properties.name);
console.log(`wrote ${features.length} countries to ${TARGET.pathname}`);
console.log(`without an ISO-3 code: ${missing.join(", ") || "none"}`);
