// The page of `sitrep serve`: filters <-> URL hash <-> API <-> map, timeline,
// list and incident panel. One flow: any change writes the hash; `hashchange`
// reads it, updates the form and reloads what depends on the filters.
//
// The page is ready for tests when <body data-state="ready"> (and
// data-loads="N" counts finished loads); the open incident has
// data-incident-state="ready" on the panel.

import {ApiError, apiQuery, formatHash, getJson, parseHash} from './api.js';
import {colorOf, familyOf} from './colors.js';
import {renderIncident, renderMessage} from './detail.js';
import {escapeHtml} from './highlight.js';
import {formatDatesShort, formatFatalities, placeOf, plural} from './format.js';
import {IncidentMap} from './map.js';
import {Timeline} from './timeline.js';

const kMapLimit = 5000;  // incidents drawn at once (the API allows 10000)

const $ = (sel) => document.querySelector(sel);
const form = $('#filters');
const listBody = $('#incident-list tbody');
const summary = $('#summary');
const detail = $('#detail');
const errorBox = $('#error');

let state = parseHash(location.hash);
let loads = 0;
let loadedFilters = null;  // the filter query of the incidents on screen
let fittedFilters = null;  // the same without dates: the map refits when these change
let incidentController = null;
let loadController = null;

const map = new IncidentMap($('#map'), {onSelect: (id) => setState({...state, id: String(id)})});
const timeline = new Timeline($('#timeline'), {
  onRange: (from, to) => setState({...state, from: from ?? undefined, to: to ?? undefined}),
});

function setState(next) {
  const clean = {};
  for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null && v !== '') clean[k] = v;
  const hash = formatHash(clean);
  if (hash === (location.hash || '#')) {
    onHashChange();
  } else {
    location.hash = hash;  // -> hashchange
  }
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

// Form -> state.
function readForm() {
  const data = new FormData(form);
  const next = {id: state.id};
  for (const k of ['type', 'country', 'actor', 'q', 'from', 'to']) {
    const v = String(data.get(k) ?? '').trim();
    if (v) next[k] = v;
  }
  return next;
}

// State -> form.
function writeForm() {
  for (const k of ['type', 'country', 'actor', 'q', 'from', 'to']) {
    const input = form.elements[k];
    const v = state[k] ?? '';
    if (input.tagName === 'SELECT' && v && ![...input.options].some((o) => o.value === v)) {
      // A value from a shared link that the lists do not hold yet.
      const o = new Option(v, v);
      input.add(o);
    }
    if (input.value !== v) input.value = v;
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  setState(readForm());
});
form.addEventListener('change', (ev) => {
  if (ev.target.matches('select, input[type=date]')) setState(readForm());
});
$('#reset').addEventListener('click', () => setState({}));

async function loadFilters() {
  const filters = apiQuery(state);
  if (filters === loadedFilters) return;
  loadController?.abort();
  loadController = new AbortController();
  const signal = loadController.signal;
  document.body.dataset.state = 'loading';
  summary.textContent = 'Loading…';
  try {
    // The timeline shows every date of the other filters: a second stats call
    // only when a date range is set.
    const dated = Boolean(state.from || state.to);
    const [incidents, stats, otherDates] = await Promise.all([
      getJson(`api/incidents?${apiQuery(state, {limit: kMapLimit})}`, {signal}),
      getJson(`api/stats?${filters}`, {signal}),
      dated ? getJson(`api/stats?${apiQuery(state, {omit: ['from', 'to']})}`, {signal}) : null,
    ]);
    const allDates = otherDates ?? stats;
    loadedFilters = filters;
    showError('');
    // A new date range (the brush) keeps the view; other filters refit it.
    const place = apiQuery(state, {omit: ['from', 'to']});
    const located = map.setIncidents(incidents.items, {fit: place !== fittedFilters});
    fittedFilters = place;
    renderList(incidents.items);
    timeline.setData(allDates.by_day, {from: state.from ?? null, to: state.to ?? null});
    const shown = incidents.items.length;
    let text = `${plural(incidents.total, 'incident')} · ${plural(stats.total_events ?? 0, 'event')} · ` +
               `${(stats.total_fatalities ?? 0).toLocaleString('en')} dead`;
    if (shown < incidents.total) text += ` · showing the first ${shown.toLocaleString('en')}`;
    if (located < shown) text += ` · ${(shown - located).toLocaleString('en')} not on the map (no coordinates)`;
    summary.textContent = text;
    document.body.dataset.state = 'ready';
    document.body.dataset.loads = String(++loads);
  } catch (e) {
    if (e.name === 'AbortError') return;
    loadedFilters = null;
    summary.textContent = '';
    showError(e instanceof ApiError ? `Could not load incidents: ${e.message}` : String(e));
    document.body.dataset.state = 'error';
  }
}

// "Only in the map view": hides the list rows of incidents outside the view.
const inViewBox = $('#in-view');
let listed = new Map();  // id -> incident of the list
function applyViewFilter() {
  const only = inViewBox.checked;
  let shown = 0;
  for (const tr of listBody.rows) {
    const inc = listed.get(Number(tr.dataset.id));
    const visible = !only || (inc && map.inView(inc.lat, inc.lon));
    tr.hidden = !visible;
    if (visible) shown++;
  }
  $('#in-view-count').textContent = only ? `(${shown.toLocaleString('en')})` : '';
  $('#list-empty').hidden = shown > 0;
}
inViewBox.addEventListener('change', applyViewFilter);
map.onMove(() => {
  if (inViewBox.checked) applyViewFilter();
});

function renderList(items) {
  listed = new Map(items.map((inc) => [inc.id, inc]));
  const rows = [...items].sort((a, b) => String(b.date_first ?? '').localeCompare(String(a.date_first ?? '')) ||
                                         a.id - b.id);
  listBody.innerHTML = rows.map((inc) => {
    const family = familyOf(inc);
    return `<tr tabindex="0" data-id="${escapeHtml(inc.id)}">
      <td class="date">${escapeHtml(formatDatesShort(inc))}</td>
      <td>${escapeHtml(placeOf(inc, {short: true}))}</td>
      <td><span class="family"><span class="swatch" style="background:${colorOf(family)}"></span><span>${
        escapeHtml(family)}</span></span></td>
      <td class="num">${escapeHtml(formatFatalities(inc))}</td>
      <td class="num">${escapeHtml(inc.n_documents ?? '–')}</td></tr>`;
  }).join('');
  applyViewFilter();
  markSelectedRow(false);
}

function markSelectedRow(scroll) {
  for (const tr of listBody.querySelectorAll('tr[aria-current]')) tr.removeAttribute('aria-current');
  if (!state.id) return;
  const tr = listBody.querySelector(`tr[data-id="${CSS.escape(state.id)}"]`);
  if (!tr) return;
  tr.setAttribute('aria-current', 'true');
  if (scroll) scrollIntoList(tr);
}

// Scrolls the list (only the list, never the page) so that `tr` is visible
// below the sticky header.
function scrollIntoList(tr) {
  const wrap = tr.closest('.list-wrap');
  const r = tr.getBoundingClientRect();
  const w = wrap.getBoundingClientRect();
  const head = wrap.querySelector('thead').getBoundingClientRect().height;
  if (r.top < w.top + head) wrap.scrollTop -= w.top + head - r.top;
  else if (r.bottom > w.bottom) wrap.scrollTop += r.bottom - w.bottom;
}

listBody.addEventListener('click', (ev) => {
  const tr = ev.target.closest('tr[data-id]');
  if (tr) setState({...state, id: tr.dataset.id});
});
listBody.addEventListener('keydown', (ev) => {
  const tr = ev.target.closest('tr[data-id]');
  if (!tr) return;
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    setState({...state, id: tr.dataset.id});
  } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    (ev.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling)?.focus();
  }
});
listBody.addEventListener('mouseover', (ev) => {
  const tr = ev.target.closest('tr[data-id]');
  if (tr) map.highlight(Number(tr.dataset.id), true);
});
listBody.addEventListener('mouseout', (ev) => {
  const tr = ev.target.closest('tr[data-id]');
  if (tr) map.highlight(Number(tr.dataset.id), false);
});

async function loadIncident(focus) {
  incidentController?.abort();
  document.body.classList.toggle('has-detail', Boolean(state.id));  // before scrolling the list
  map.select(state.id ? Number(state.id) : null);
  markSelectedRow(true);
  if (!state.id) {
    detail.hidden = true;
    detail.innerHTML = '';
    delete detail.dataset.incidentState;
    return;
  }
  incidentController = new AbortController();
  detail.hidden = false;
  detail.dataset.incidentState = 'loading';
  detail.setAttribute('aria-busy', 'true');
  try {
    const data = await getJson(`api/incidents/${encodeURIComponent(state.id)}`,
                               {signal: incidentController.signal});
    renderIncident(detail, data);
    detail.dataset.incidentId = String(data.incident?.id ?? state.id);
    detail.dataset.incidentState = 'ready';
    markSelectedRow(true);  // the list is shorter now that the panel is open
  } catch (e) {
    if (e.name === 'AbortError') return;
    renderMessage(detail, `Incident ${state.id}: ${e.message}`);
    detail.dataset.incidentState = 'error';
  } finally {
    detail.removeAttribute('aria-busy');
  }
  map.invalidate();
  if (focus) detail.querySelector('#detail-title')?.focus({preventScroll: true});
}

detail.addEventListener('click', (ev) => {
  if (ev.target.closest('.close')) closeIncident();
});
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && state.id && !ev.target.closest('input, select')) closeIncident();
});

function closeIncident() {
  const id = state.id;
  setState({...state, id: undefined});
  listBody.querySelector(`tr[data-id="${CSS.escape(id ?? '')}"]`)?.focus();
}

let shownId = null;
let initialized = false;  // no focus move for the incident of the page's first URL
function onHashChange() {
  state = parseHash(location.hash);
  writeForm();
  loadFilters().then(() => {
    if ((state.id ?? null) !== shownId) {
      shownId = state.id ?? null;
      loadIncident(initialized);
    } else {
      map.select(state.id ? Number(state.id) : null);
      markSelectedRow(false);
    }
    initialized = true;
  });
}
window.addEventListener('hashchange', onHashChange);

// Filter vocabularies: types from the CAMEO table, countries present in the store.
async function fillSelects() {
  const [vocab, countries, stats] = await Promise.all([
    getJson('vocab.json').catch(() => null),
    getJson('countries.json').catch(() => []),
    getJson('api/stats').catch(() => null),
  ]);
  const type = form.elements.type;
  if (vocab) {
    const group = (label, options) => {
      const g = document.createElement('optgroup');
      g.label = label;
      for (const [value, text] of options) g.appendChild(new Option(text, value));
      type.appendChild(g);
    };
    group('PLOVER event type', vocab.plover.map((p) => [`plover:${p}`, `${p} (PLOVER)`]));
    group('ACLED event type', vocab.acled.flatMap((a) => [
      [`acled:${a.type}`, `${a.type} (ACLED)`],
      ...a.sub_types.map((sub) => [`acled:${sub}`, `\u2003${sub}`]),
    ]));
    group('CAMEO root', vocab.cameo_roots.map((c) => [`cameo:${c.code}`, `${c.code} ${c.label} (CAMEO)`]));
  }
  const names = new Map(countries.map((c) => [c.iso3, c.name]));
  const country = form.elements.country;
  const present = (stats?.by_country ?? []).filter((c) => c.country)
                      .map((c) => ({iso3: c.country, name: names.get(c.country) ?? c.country, events: c.events}))
                      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  for (const c of present) country.appendChild(new Option(`${c.name} (${c.iso3}) · ${c.events}`, c.iso3));
  writeForm();
}

async function start() {
  map.loadBasemap('basemap/countries.geojson').catch((e) => showError(`Basemap: ${e.message}`));
  await fillSelects();
  onHashChange();
}
start();
