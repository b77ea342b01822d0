// The timeline: an SVG histogram of incidents per day (per week when the data
// span more than 120 days, per month beyond 3 years) from /api/stats `by_day`,
// with a brush. Dragging across it picks a date range, snapped to whole bins,
// and calls onRange("2021-03-01", "2021-03-14"); a click without a drag calls
// onRange(null, null) (all dates). The from/to date inputs of the filter form
// are the keyboard way to set the same range.

const kSvg = 'http://www.w3.org/2000/svg';
const kDay = 86400000;

const dayOf = (iso) => Math.floor(Date.parse(iso + 'T00:00:00Z') / kDay);
const isoOf = (day) => new Date(day * kDay).toISOString().slice(0, 10);

function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(kSvg, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

// Bin units: the first day of the bin holding `day`, and the first day of the next bin.
const kUnits = {
  day: {start: (d) => d, next: (d) => d + 1, name: 'day'},
  // Weeks start on Monday (1970-01-01, day 0, was a Thursday).
  week: {start: (d) => d - ((d + 3) % 7), next: (d) => d + 7, name: 'week'},
  month: {
    start: (d) => {
      const t = new Date(d * kDay);
      return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / kDay;
    },
    next: (d) => {
      const t = new Date(d * kDay);
      return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / kDay;
    },
    name: 'month',
  },
};

export class Timeline {
  constructor(container, {onRange}) {
    this.container = container;
    this.onRange = onRange;
    this.byDay = [];
    this.range = {from: null, to: null};
    this.svg = el('svg', {class: 'timeline-svg', role: 'img'});
    container.appendChild(this.svg);
    this.caption = document.createElement('p');
    this.caption.className = 'timeline-caption';
    container.appendChild(this.caption);
    new ResizeObserver(() => this.render()).observe(container);
  }

  setData(byDay, range) {
    this.byDay = (byDay || []).filter((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d.date));
    this.range = range;
    this.render();
  }

  render() {
    const svg = this.svg;
    svg.replaceChildren();
    const width = Math.max(200, this.container.clientWidth);
    const height = 96;
    const m = {left: 34, right: 12, top: 8, bottom: 20};
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    if (!this.byDay.length) {
      el('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty'}, svg)
          .textContent = 'No dated incidents for these filters';
      svg.setAttribute('aria-label', 'Timeline: no dated incidents');
      this.caption.textContent = '';
      return;
    }
    const days = this.byDay.map((d) => dayOf(d.date));
    const lo = Math.min(...days);
    const hi = Math.max(...days);
    const span = hi - lo + 1;
    const unit = span > 1100 ? kUnits.month : span > 120 ? kUnits.week : kUnits.day;
    const bins = new Map();  // bin start -> {incidents, events, fatalities}
    this.byDay.forEach((d, i) => {
      const b = unit.start(days[i]);
      const bin = bins.get(b) ?? {incidents: 0, events: 0, fatalities: 0};
      bin.incidents += d.incidents ?? d.events ?? 0;
      bin.events += d.events ?? 0;
      bin.fatalities += d.fatalities ?? 0;
      bins.set(b, bin);
    });
    let x0 = unit.start(lo);
    let x1 = unit.next(unit.start(hi));
    // A few days of data still get a readable axis: at least 15 days, centred.
    if (unit === kUnits.day && x1 - x0 < 15) {
      const pad = 15 - (x1 - x0);
      x0 -= Math.floor(pad / 2);
      x1 += Math.ceil(pad / 2);
    }
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const x = (day) => m.left + ((day - x0) / (x1 - x0)) * plotW;
    const dayAt = (px) => x0 + ((px - m.left) / plotW) * (x1 - x0);
    const maxV = Math.max(1, ...[...bins.values()].map((b) => b.incidents));
    const y = (v) => m.top + plotH - (v / maxV) * plotH;

    // Axis: baseline, max label, date ticks.
    el('line', {x1: m.left, x2: width - m.right, y1: m.top + plotH, y2: m.top + plotH, class: 'axis'}, svg);
    el('text', {x: m.left - 6, y: m.top + 8, 'text-anchor': 'end', class: 'tick'}, svg).textContent =
        String(maxV);
    el('text', {x: m.left - 6, y: m.top + plotH, 'text-anchor': 'end', class: 'tick'}, svg).textContent = '0';
    for (const t of this.ticks(x0, x1, plotW)) {
      const px = x(t.day);
      el('line', {x1: px, x2: px, y1: m.top + plotH, y2: m.top + plotH + 4, class: 'axis'}, svg);
      el('text', {x: px, y: height - 4, 'text-anchor': 'middle', class: 'tick'}, svg).textContent = t.label;
    }

    // The selected range, behind the bars; bars outside it are dimmed.
    const from = this.range.from ? dayOf(this.range.from) : null;
    const to = this.range.to ? dayOf(this.range.to) : null;
    if (from !== null || to !== null) {
      const a = Math.max(x0, from ?? x0);
      const z = Math.min(x1, to === null ? x1 : to + 1);
      if (z > a) {
        el('rect', {x: x(a), y: m.top, width: x(z) - x(a), height: plotH, class: 'selection'}, svg);
      }
    }

    const bars = el('g', {class: 'bars'}, svg);
    for (const [b, v] of [...bins.entries()].sort((p, q) => p[0] - q[0])) {
      const e = unit.next(b);
      const inside = (from === null || e - 1 >= from) && (to === null || b <= to);
      const w = Math.max(1, x(e) - x(b) - 1);
      const rect = el('rect', {
        x: x(b) + 0.5, y: y(v.incidents), width: w, height: m.top + plotH - y(v.incidents),
        class: inside ? 'bar' : 'bar dim',
      }, bars);
      const when = unit === kUnits.day ? isoOf(b) : `${unit.name} of ${isoOf(b)}`;
      el('title', {}, rect).textContent =
          `${when}: ${v.incidents} incidents, ${v.events} events, ${v.fatalities} dead`;
    }

    // The brush.
    const overlay = el('rect', {x: m.left, y: 0, width: plotW, height: m.top + plotH, class: 'overlay'}, svg);
    let startX = null;
    let live = null;
    const clamp = (px) => Math.max(m.left, Math.min(m.left + plotW, px));
    const localX = (ev) => clamp(ev.clientX - svg.getBoundingClientRect().left);
    overlay.addEventListener('pointerdown', (ev) => {
      startX = localX(ev);
      overlay.setPointerCapture(ev.pointerId);
      live = el('rect', {x: startX, y: m.top, width: 0, height: plotH, class: 'selection live'}, svg);
      svg.insertBefore(live, overlay);
    });
    overlay.addEventListener('pointermove', (ev) => {
      if (startX === null) return;
      const px = localX(ev);
      live.setAttribute('x', Math.min(px, startX));
      live.setAttribute('width', Math.abs(px - startX));
    });
    const finish = (ev) => {
      if (startX === null) return;
      const px = localX(ev);
      const a = Math.min(px, startX);
      const z = Math.max(px, startX);
      startX = null;
      if (z - a < 4) {
        this.onRange(null, null);
        return;
      }
      const first = unit.start(Math.floor(dayAt(a)));
      const last = unit.next(unit.start(Math.min(x1 - 1, Math.floor(dayAt(z) - 1e-9)))) - 1;
      this.onRange(isoOf(Math.max(first, x0)), isoOf(last));
    };
    overlay.addEventListener('pointerup', finish);
    overlay.addEventListener('pointercancel', () => {
      startX = null;
      live?.remove();
    });

    const total = [...bins.values()].reduce((s, b) => s + b.incidents, 0);
    svg.setAttribute('aria-label', `Timeline: ${total} incidents per ${unit.name} from ${isoOf(x0)} to ` +
                                       `${isoOf(x1 - 1)}`);
    this.caption.textContent = `Incidents per ${unit.name}. Drag across the bars to choose dates; ` +
                               'click to clear.';
  }

  // About one label per 90 px: years beyond two years, month starts beyond
  // two months, days otherwise.
  ticks(x0, x1, plotW) {
    const n = Math.max(2, Math.floor(plotW / 90));
    const span = x1 - x0;
    const out = [];
    if (span > 730) {
      // Years: 1 January of each year inside the domain.
      const years = [];
      const y0 = new Date(x0 * kDay).getUTCFullYear();
      const y1 = new Date((x1 - 1) * kDay).getUTCFullYear();
      for (let y = y0; y <= y1 + 1; y++) {
        const d = Date.UTC(y, 0, 1) / kDay;
        if (d >= x0 && d < x1) years.push({day: d, label: String(y)});
      }
      const step = Math.max(1, Math.ceil(years.length / n));
      return years.filter((_, i) => i % step === 0);
    }
    if (span > 62) {
      const months = [];
      let d = kUnits.month.start(x0);
      if (d < x0) d = kUnits.month.next(d);
      for (; d < x1; d = kUnits.month.next(d)) months.push(d);
      const step = Math.max(1, Math.ceil(months.length / n));
      months.forEach((d, i) => {
        if (i % step) return;
        const t = new Date(d * kDay);
        const label = t.getUTCMonth() === 0 || i === 0
            ? t.toLocaleString('en', {month: 'short', year: 'numeric', timeZone: 'UTC'})
            : t.toLocaleString('en', {month: 'short', timeZone: 'UTC'});
        out.push({day: d, label});
      });
    } else {
      const step = Math.max(1, Math.ceil(span / n));
      for (let d = x0; d < x1; d += step) out.push({day: d + 0.5, label: isoOf(d).slice(5)});
    }
    return out;
  }
}
