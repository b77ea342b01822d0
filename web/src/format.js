// Small formatting helpers shared by the list, the map tooltips and the detail.

// "Kandahar, Kandahar, AFG" -> "Kandahar, AFG"; {short: true} leaves the province
// out when there is a place name ("Arghandab, AFG" for the list).
export function placeOf(incident, {short = false} = {}) {
  const parts = [];
  if (incident.location) parts.push(incident.location);
  if (incident.admin1 && incident.admin1 !== incident.location && !(short && incident.location)) {
    parts.push(incident.admin1);
  }
  if (incident.country) parts.push(incident.country);
  return parts.length ? parts.join(', ') : 'place unknown';
}

export function formatDates(incident) {
  const a = incident.date_first;
  const b = incident.date_last;
  if (!a && !b) return 'date unknown';
  if (!b || a === b) return a || b;
  return `${a} – ${b}`;
}

// The list's short form: "2021-05-17", "2021-05-17–18", "2021-05-30 – 06-02",
// "2021-12-30 – 2022-01-02".
export function formatDatesShort(incident) {
  const a = incident.date_first;
  const b = incident.date_last;
  if (!a || !b || a === b) return formatDates(incident);
  if (a.slice(0, 7) === b.slice(0, 7)) return `${a}–${b.slice(8)}`;
  if (a.slice(0, 4) === b.slice(0, 4)) return `${a} – ${b.slice(5)}`;
  return `${a} – ${b}`;
}

// "5" when low = best = high, "4 / 5 / 7" (low / best / high) when they differ, "–" when unknown.
export function formatFatalities(incident) {
  const {fatalities_low: low, fatalities_best: best, fatalities_high: high} = incident;
  if (low == null && best == null && high == null) return '–';
  if (low === best && best === high) return String(best);
  const f = (v) => (v == null ? '?' : String(v));
  return `${f(low)} / ${f(best)} / ${f(high)}`;
}

export function plural(n, one, many = one + 's') {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
