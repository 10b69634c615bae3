// Timeline: events per period as bars, the escalation index (mean Goldstein, -10..10) as a line on the same axis.

import { fmtInt, fmtNum, s } from "./dom.js";

const HEIGHT = 230;
const MARGIN = { top: 26, right: 46, bottom: 28, left: 46 };
const DAY = 86400000;
const MIN_SPAN = { day: 21, week: 84, month: 365 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function utc(date) {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function periodEnd(start, by) {
  if (by === "day") return start + DAY;
  if (by === "week") return start + 7 * DAY;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

function isoDay(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/** Round tick step for a count axis: 1, 2, 5, 10, 20, 50, ... */
function countTicks(max) {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= raw) || power;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { top, ticks };
}

/** Month-start ticks (every 1, 2, 3, 6 or 12 months), or day ticks for spans under two months. */
function timeTicks(t0, t1, maxTicks) {
  const days = (t1 - t0) / DAY;
  if (days <= 62) {
    const step = [1, 2, 7, 14].find((d) => days / d <= maxTicks) || 14;
    const ticks = [];
    for (let t = Math.ceil(t0 / DAY) * DAY; t <= t1; t += step * DAY) ticks.push({ t, label: `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCDate()}` });
    return ticks;
  }
  const months = days / 30.4;
  const step = [1, 2, 3, 6, 12, 24, 60].find((m) => months / m <= maxTicks) || 120;
  const start = new Date(t0);
  // Months counted from year 0, so a step of 3 lands on quarters and a step of 12 on Januaries.
  let m = start.getUTCFullYear() * 12 + start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0);
  m = Math.ceil(m / step) * step;
  const ticks = [];
  for (; ; m += step) {
    const [year, month] = [Math.floor(m / 12), m % 12];
    const t = Date.UTC(year, month, 1);
    if (t > t1) break;
    const label = step >= 12 ? String(year) : month === 0 || !ticks.length ? `${MONTHS[month]} ${year}` : MONTHS[month];
    ticks.push({ t, label });
  }
  return ticks;
}

/**
 * Draws into `svgHost` (its width is measured). `timeline` and `escalation` are the API answers;
 * onPeriod(since, until) is called when a bar is clicked.
 */
export function renderTimeline(svgHost, timeline, escalation, { onPeriod }) {
  const style = getComputedStyle(svgHost);
  const inner = svgHost.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const width = Math.max(480, Math.floor(inner) || 960);
  const by = timeline.by;
  const bars = timeline.series.filter((p) => p.period).map((p) => ({ ...p, t0: utc(p.period), t1: periodEnd(utc(p.period), by) }));
  const index = new Map(escalation.series.filter((p) => p.period).map((p) => [p.period, p]));
  const svg = s("svg", { viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, class: "timeline-svg" });
  svgHost.replaceChildren(svg);
  if (!bars.length) {
    svg.append(s("text", { x: width / 2, y: HEIGHT / 2, class: "empty", "text-anchor": "middle" }, "No dated events match these filters."));
    return;
  }

  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  let tMin = Math.min(...bars.map((b) => b.t0));
  let tMax = Math.max(...bars.map((b) => b.t1));
  // A handful of periods would make each bar as wide as the chart: show at least MIN_SPAN around them.
  const pad = Math.max(0, MIN_SPAN[by] * DAY - (tMax - tMin)) / 2;
  tMin -= pad;
  tMax += pad;
  const x = (t) => MARGIN.left + ((t - tMin) / (tMax - tMin)) * innerW;
  const { top, ticks } = countTicks(Math.max(...bars.map((b) => b.events)));
  const yCount = (v) => MARGIN.top + innerH - (v / top) * innerH;
  const yIndex = (v) => MARGIN.top + innerH / 2 - (v / 10) * (innerH / 2);

  const grid = s("g", { class: "grid" }, ticks.map((v) => s("g", {},
    s("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: yCount(v), y2: yCount(v) }),
    s("text", { x: MARGIN.left - 6, y: yCount(v) + 4, "text-anchor": "end" }, fmtInt(v)))));
  const indexAxis = s("g", { class: "index-axis" }, [-10, -5, 0, 5, 10].map((v) => s("text", {
    x: width - MARGIN.right + 6, y: yIndex(v) + 4,
  }, v > 0 ? `+${v}` : String(v))));
  const zero = s("line", { class: "zero-line", x1: MARGIN.left, x2: width - MARGIN.right, y1: yIndex(0), y2: yIndex(0) });
  const timeAxis = s("g", { class: "time-axis" }, timeTicks(tMin, tMax, Math.floor(innerW / 70)).map(({ t, label }) => s("g", {},
    s("line", { x1: x(t), x2: x(t), y1: MARGIN.top + innerH, y2: MARGIN.top + innerH + 4 }),
    s("text", { x: x(t), y: HEIGHT - 8, "text-anchor": "middle" }, label))));

  const barGroup = s("g", { class: "bars" }, bars.map((bar) => {
    const x0 = x(bar.t0);
    const w = Math.max(1.5, x(bar.t1) - x0 - (x(bar.t1) - x0 > 4 ? 1 : 0));
    const esc = index.get(bar.period);
    const escText = esc ? `; escalation ${fmtNum(esc.index)}` : "";
    const until = isoDay(bar.t1 - DAY);
    return s("rect", {
      class: "bar", x: x0.toFixed(1), y: yCount(bar.events).toFixed(1), width: w.toFixed(1),
      height: Math.max(0, MARGIN.top + innerH - yCount(bar.events)).toFixed(1), "data-period": bar.period,
      onclick: () => onPeriod(bar.period, until),
    }, s("title", {}, `${bar.period} – ${until}: ${fmtInt(bar.events)} events, ${fmtInt(bar.fatalities)} killed, ${fmtInt(bar.articles)} articles${escText}`));
  }));

  const line = [...index.values()]
    .map((p) => ({ ...p, t: (utc(p.period) + periodEnd(utc(p.period), by)) / 2 }))
    .filter((p) => p.t >= tMin && p.t <= tMax && p.index !== null)
    .sort((a, b) => a.t - b.t);
  // The line breaks over periods without events: they have no index to draw through.
  const runs = [];
  for (const p of line) {
    const previous = runs.length ? runs[runs.length - 1].at(-1) : null;
    if (previous && periodEnd(utc(previous.period), by) === utc(p.period)) runs[runs.length - 1].push(p);
    else runs.push([p]);
  }
  const escalationGroup = s("g", { class: "escalation" },
    runs.filter((run) => run.length > 1).map((run) => s("polyline", {
      points: run.map((p) => `${x(p.t).toFixed(1)},${yIndex(p.index).toFixed(1)}`).join(" "),
    })),
    line.map((p) => s("circle", {
      cx: x(p.t).toFixed(1), cy: yIndex(p.index).toFixed(1), r: 3, class: p.index < 0 ? "conflict" : "cooperation",
    }, s("title", {}, `${p.period}: escalation index ${fmtNum(p.index)} over ${fmtInt(p.events)} events, ${Math.round(p.conflict_share * 100)}% conflict`))));

  svg.append(grid, zero, barGroup, escalationGroup, timeAxis, indexAxis,
    s("text", { class: "axis-title", x: 4, y: 10 }, "events"),
    s("text", { class: "axis-title", x: width - 4, y: 10, "text-anchor": "end" }, "escalation"));
}
