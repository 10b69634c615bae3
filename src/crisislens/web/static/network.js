// Actor network: a small deterministic force-directed layout (Fruchterman–Reingold) drawn as SVG.

import { fmtInt, fmtNum, h, s } from "./dom.js";

const WIDTH = 640;
const HEIGHT = 460;
const ITERATIONS = 300;
const ASPECT = WIDTH / HEIGHT;
const GRAVITY = 1.0;
const SPREAD = 0.5;
const LABELLED_NODES = 14;
const TYPE_CLASSES = ["country", "organization", "person", "group"];

/**
 * Positions for `nodes` (already in a stable order) linked by `edges`, inside the frame
 * [-ASPECT, ASPECT] × [-1, 1]. Seeded on a circle and run for a fixed number of steps, so the same
 * data always gives the same picture.
 */
function layout(nodes, edges) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  // Hubs push each other apart harder, so the busiest actors do not pile up in the middle.
  const weight = nodes.map(() => 1);
  for (const [a, b] of links) {
    weight[a] += 1;
    weight[b] += 1;
  }
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    return [0.8 * Math.cos(angle), 0.8 * Math.sin(angle)];
  });
  const k = SPREAD * Math.sqrt((4 * ASPECT) / Math.max(n, 1)); // ideal edge length: a share of the frame
  for (let step = 0; step < ITERATIONS; step++) {
    const temperature = 0.15 * (1 - step / ITERATIONS) + 0.002;
    const shift = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i][0] - pos[j][0];
        const dy = pos[i][1] - pos[j][1];
        const d2 = Math.max(dx * dx + dy * dy, 1e-6);
        const f = (k * k * Math.sqrt(weight[i] * weight[j])) / d2;
        shift[i][0] += dx * f; shift[i][1] += dy * f;
        shift[j][0] -= dx * f; shift[j][1] -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a][0] - pos[b][0];
      const dy = pos[a][1] - pos[b][1];
      const f = Math.hypot(dx, dy) / k;
      shift[a][0] -= dx * f; shift[a][1] -= dy * f;
      shift[b][0] += dx * f; shift[b][1] += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // A little gravity keeps unconnected actors near the middle; the frame stops the rest.
      shift[i][0] -= pos[i][0] * GRAVITY;
      shift[i][1] -= pos[i][1] * GRAVITY;
      const len = Math.max(Math.hypot(shift[i][0], shift[i][1]), 1e-9);
      const move = Math.min(len, temperature);
      pos[i][0] = Math.max(-ASPECT, Math.min(ASPECT, pos[i][0] + (shift[i][0] / len) * move));
      pos[i][1] = Math.max(-1, Math.min(1, pos[i][1] + (shift[i][1] / len) * move));
    }
  }
  return pos;
}

/** A node's name to its right, or to its left near the right edge where it would be cut off. */
function label(name, x, r) {
  const left = x > WIDTH - 130;
  return s("text", { x: left ? -r - 3 : r + 3, y: 4, "text-anchor": left ? "end" : "start" }, name);
}

function edgeTone(edge) {
  if (edge.conflict > edge.cooperation) return "conflict";
  if (edge.cooperation > edge.conflict) return "cooperation";
  return "neutral";
}

/** Draws the /api/network answer into `container`; onNode(node) is called when an actor is clicked. */
export function renderNetwork(container, data, { onNode }) {
  const nodes = [...data.nodes].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1));
  if (!nodes.length) {
    container.replaceChildren(h("p", { class: "empty" }, "No actors match these filters."));
    return;
  }
  const pos = layout(nodes, data.edges);
  const pad = 40;
  const xs = pos.map((p) => p[0]);
  const ys = pos.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Fit the layout to the frame, but do not blow a few actors up to its full width.
  const scale = Math.min(180, (WIDTH - 2 * pad) / Math.max(maxX - minX, 1e-6), (HEIGHT - 2 * pad) / Math.max(maxY - minY, 1e-6));
  const offX = (WIDTH - (maxX - minX) * scale) / 2;
  const offY = (HEIGHT - (maxY - minY) * scale) / 2;
  const at = new Map(nodes.map((node, i) => [node.id, [offX + (pos[i][0] - minX) * scale, offY + (pos[i][1] - minY) * scale]]));
  const names = new Map(nodes.map((node) => [node.id, node.name]));

  const maxNode = Math.max(1, ...nodes.map((node) => node.events));
  const maxEdge = Math.max(1, ...data.edges.map((e) => e.events));
  const radius = (node) => 4 + 12 * Math.sqrt(node.events / maxNode);

  // Curved edges, so that A→B and B→A are both visible.
  const edges = s("g", { class: "edges" }, data.edges.filter((e) => at.has(e.source) && at.has(e.target) && e.source !== e.target).map((edge) => {
    const [x1, y1] = at.get(edge.source);
    const [x2, y2] = at.get(edge.target);
    const [mx, my] = [(x1 + x2) / 2 - (y2 - y1) * 0.12, (y1 + y2) / 2 + (x2 - x1) * 0.12];
    return s("path", {
      d: `M${x1.toFixed(1)},${y1.toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`,
      class: `edge ${edgeTone(edge)}`, "stroke-width": (1 + 5 * Math.sqrt(edge.events / maxEdge)).toFixed(2),
    }, s("title", {}, `${names.get(edge.source)} → ${names.get(edge.target)}: ${fmtInt(edge.events)} events `
      + `(${fmtInt(edge.conflict)} conflict, ${fmtInt(edge.cooperation)} cooperation), mean Goldstein ${fmtNum(edge.mean_goldstein)}`));
  }));

  const labelled = new Set(nodes.slice(0, LABELLED_NODES).map((node) => node.id));
  const nodeGroup = s("g", { class: "nodes" }, nodes.map((node) => {
    const [x, y] = at.get(node.id);
    const r = radius(node);
    const type = TYPE_CLASSES.includes(node.type) ? node.type : "other";
    const open = () => onNode(node);
    return s("g", {
      class: `node type-${type}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: 0,
      "data-actor": node.id, testid: "network-node", onclick: open, onkeydown: (event) => event.key === "Enter" && open(),
    },
    s("circle", { r: r.toFixed(1) }),
    labelled.has(node.id) ? label(node.name, x, r) : null,
    s("title", {}, `${node.name}${node.country ? ` (${node.country})` : ""}, ${node.type || "actor"}: ${fmtInt(node.events)} events`));
  }));

  const item = (swatchClass, text) => h("span", { class: "legend-item" }, h("span", { class: swatchClass }), text);
  const legend = h("div", { class: "legend" },
    item("swatch-line conflict", "mostly conflict"),
    item("swatch-line cooperation", "mostly cooperation"),
    TYPE_CLASSES.map((type) => item(`swatch-node type-${type}`, type)),
    h("span", { class: "legend-item" }, "click an actor for its page"));
  container.replaceChildren(
    s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "network-svg", role: "img", "aria-label": "Actor network" }, edges, nodeGroup),
    legend);
}
