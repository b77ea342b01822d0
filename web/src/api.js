// The page's state and the HTTP API of `sitrep serve` (docs/web.md, the API in docs/).
//
// State lives in the URL hash, so a view can be bookmarked and shared:
//   #from=2021-03-01&to=2021-03-31&country=MLI&type=plover:ASSAULT&actor=Taliban&q=bomb&id=7
// `type` is "plover:ASSAULT", "acled:Battles" or "cameo:19" and becomes the API
// filter plover=, acled= or cameo=. `id` is the open incident.

export const kStateKeys = ['from', 'to', 'country', 'type', 'actor', 'q', 'id'];

export function parseHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = {};
  for (const k of kStateKeys) {
    const v = params.get(k);
    if (v !== null && v.trim() !== '') state[k] = v.trim();
  }
  if (state.from && !/^\d{4}-\d{2}-\d{2}$/.test(state.from)) delete state.from;
  if (state.to && !/^\d{4}-\d{2}-\d{2}$/.test(state.to)) delete state.to;
  if (state.id && !/^\d+$/.test(state.id)) delete state.id;
  return state;
}

export function formatHash(state) {
  const params = new URLSearchParams();
  for (const k of kStateKeys) if (state[k]) params.set(k, state[k]);
  const s = params.toString();
  return s ? '#' + s : '#';
}

// The API query string of `state` (without `id`); `omit` drops keys (e.g. the
// timeline asks for the whole date range: omit from and to).
export function apiQuery(state, {omit = [], limit} = {}) {
  const params = new URLSearchParams();
  for (const k of ['from', 'to', 'country', 'actor', 'q']) {
    if (state[k] && !omit.includes(k)) params.set(k, state[k]);
  }
  if (state.type && !omit.includes('type')) {
    const i = state.type.indexOf(':');
    const system = state.type.slice(0, i);
    const value = state.type.slice(i + 1);
    if (['plover', 'acled', 'cameo'].includes(system) && value) params.set(system, value);
  }
  if (limit !== undefined) params.set('limit', String(limit));
  return params.toString();
}

export class ApiError extends Error {}

// GET `path` -> parsed JSON; ApiError with the server's message on a 4xx/5xx.
export async function getJson(path, {signal} = {}) {
  let res;
  try {
    res = await fetch(path, {signal, headers: {Accept: 'application/json'}});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(`cannot reach the server (${e.message})`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const message = body && body.error && body.error.message ? body.error.message : res.statusText;
    throw new ApiError(`${res.status}: ${message}`);
  }
  if (body === null) throw new ApiError(`${path}: not JSON`);
  return body;
}
