// The incident panel: GET /api/incidents/{id} rendered as the incident's
// summary, its differing fatality figures (low / best / high and each figure
// with its source), and its reports: each report's sentence with the actor,
// trigger, place, date, casualty and attribution spans marked (highlight.js),
// the coded fields, and the document's title, source, date and link.

import {colorOf, familyOf} from './colors.js';
import {escapeHtml, highlightHtml} from './highlight.js';
import {formatDates, formatFatalities, placeOf, plural} from './format.js';

const e = escapeHtml;
const kQualifier = {at_least: 'at least', exact: 'exactly', about: 'about', at_most: 'at most'};

function safeUrl(url) {
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function actorText(a) {
  if (!a) return '–';
  const bits = [a.text];
  if (a.code) bits.push(`(${a.code})`);
  if (a.refers_to && a.refers_to.text) bits.push(`= ${a.refers_to.text}`);
  return bits.join(' ');
}

function placeText(p) {
  if (!p) return '–';
  const where = [p.name, p.admin1, p.country].filter(Boolean).join(', ');
  let s = p.relation ? `${p.relation} ${p.text}` : p.text;
  if (where && where !== p.text) s += ` → ${where}`;
  if (p.precision) s += ` (${p.precision})`;
  if (p.lat == null) s += ' — not located';
  return s;
}

function casualtyText(c) {
  if (!c || c.count == null) return '–';
  const q = kQualifier[c.qualifier] ?? c.qualifier ?? '';
  return `${q} ${c.count}${c.victims ? ' ' + c.victims : ''}`.trim();
}

function attributionText(a) {
  if (!a) return '–';
  const who = a.text ? ` — ${a.text}` : ' (reporter’s own voice)';
  return `${a.status}${who}${a.cue ? ` (“${a.cue}”)` : ''}`;
}

function reportHtml(report, index) {
  const ev = report.event || {};
  const doc = report.document || {};
  const url = doc.url ? safeUrl(doc.url) : null;
  const title = e(doc.title || doc.id || 'untitled document');
  const titleHtml = url ? `<a href="${e(url)}" target="_blank" rel="noopener noreferrer">${title}</a>`
                        : title;
  const meta = [doc.source, doc.date, doc.id && `doc ${doc.id}`].filter(Boolean).map(e).join(' · ');
  const types = [ev.cameo && `CAMEO ${ev.cameo}${ev.cameo_label ? ' ' + ev.cameo_label : ''}`,
                 ev.plover && ev.plover.event && `PLOVER ${ev.plover.event}`,
                 ev.acled && ev.acled.event_type &&
                     `ACLED ${ev.acled.event_type}${ev.acled.sub_event_type ? ' / ' + ev.acled.sub_event_type : ''}`]
                    .filter(Boolean);
  const status = ev.attribution?.status ?? 'unknown';
  const date = ev.date ? `${ev.date.value ?? '?'} (${ev.date.precision ?? '?'}${ev.date.text ? `, “${ev.date.text}”` : ''})`
                       : '–';
  return `<li class="report" data-event-id="${e(ev.id ?? '')}">
  <article aria-labelledby="report-${index}-title">
    <header>
      <h4 id="report-${index}-title" class="doc-title">${titleHtml}</h4>
      <p class="doc-meta">${meta}</p>
      <span class="status status-${e(status)}" title="attribution status">${e(status)}</span>
    </header>
    <blockquote class="sentence">${highlightHtml(ev)}</blockquote>
    <dl class="fields">
      <dt>Event</dt><dd>${e(types.join(' · ') || '–')}${ev.negated ? ' <strong>(negated)</strong>' : ''}</dd>
      <dt>Trigger</dt><dd><span class="key key-trigger"></span>${e(ev.trigger?.text ?? '–')}</dd>
      <dt>Source</dt><dd><span class="key key-actor"></span>${e(actorText(ev.source))}</dd>
      <dt>Target</dt><dd><span class="key key-actor"></span>${e(actorText(ev.target))}</dd>
      <dt>Place</dt><dd><span class="key key-place"></span>${e(placeText(ev.location))}</dd>
      <dt>Date</dt><dd><span class="key key-date"></span>${e(date)}</dd>
${ev.launch_location ? `      <dt>Launched from</dt><dd><span class="key key-place"></span>${e(placeText(ev.launch_location))}</dd>\n` : ''}      <dt>Dead</dt><dd><span class="key key-casualty"></span>${e(casualtyText(ev.fatalities))}</dd>
${['injured', 'arrested', 'abducted', 'displaced'].filter((k) => ev[k] && ev[k].count != null)
      .map((k) => `      <dt>${k[0].toUpperCase() + k.slice(1)}</dt><dd><span class="key key-casualty"></span>${
        e(casualtyText(ev[k]))}</dd>`).join('\n')}
      <dt>According to</dt><dd><span class="key key-attribution"></span>${e(attributionText(ev.attribution))}</dd>
    </dl>
  </article>
</li>`;
}

function figuresHtml(data) {
  const inc = data.incident;
  const figures = Array.isArray(data.fatality_figures) ? data.fatality_figures : [];
  let html = `<p class="figures-summary">Dead (low / best / high): <strong>${
      e(formatFatalities(inc))}</strong></p>`;
  if (figures.length) {
    html += '<table class="figures"><caption>Figures reported</caption><thead><tr><th scope="col">Count</th>' +
            '<th scope="col">Qualifier</th><th scope="col">Source</th><th scope="col">Document</th></tr></thead><tbody>';
    for (const f of figures) {
      html += `<tr><td class="num">${e(f.count ?? '–')}</td><td>${e(kQualifier[f.qualifier] ?? f.qualifier ?? '')}` +
              `</td><td>${e(f.source ?? '–')}</td><td>${e(f.doc_id ?? '')}</td></tr>`;
    }
    html += '</tbody></table>';
  }
  return html;
}

const kKeyLegend = `<p class="span-legend" aria-label="Highlight colours">
  <mark class="span-actor">actor</mark> <mark class="span-trigger">trigger</mark>
  <mark class="span-place">place</mark> <mark class="span-date">date</mark>
  <mark class="span-casualty">casualties</mark> <mark class="span-attribution">attribution</mark></p>`;

// Fills `panel` with the incident `data` (the JSON of GET /api/incidents/{id}).
export function renderIncident(panel, data) {
  const inc = data.incident || {};
  const reports = Array.isArray(data.reports) ? data.reports : [];
  const family = familyOf(inc);
  panel.innerHTML = `
<header class="detail-head">
  <h2 id="detail-title" tabindex="-1"><span class="swatch" style="background:${colorOf(family)}"></span>${
      e(placeOf(inc))}</h2>
  <button type="button" class="close" aria-label="Close the incident">×</button>
</header>
<p class="detail-meta">${e(formatDates(inc))} · ${e(family)}
  · ${inc.precision ? `${e(inc.precision)} precision` : 'not located'} · ${e(plural(inc.n_events ?? reports.length, 'event'))} in
  ${e(plural(inc.n_documents ?? 0, 'document'))}</p>
${inc.event_types ? `<ul class="types" aria-label="Event types (CAMEO/PLOVER/ACLED)">${
      String(inc.event_types).split(/;\s*/).filter(Boolean).map((t) => `<li>${e(t)}</li>`).join('')}</ul>` : ''}
${figuresHtml(data)}
<h3>Reports</h3>
${kKeyLegend}
<ol class="reports">${reports.map(reportHtml).join('')}</ol>`;
}

export function renderMessage(panel, message) {
  panel.innerHTML = `<header class="detail-head"><h2 id="detail-title" tabindex="-1">Incident</h2>` +
                    `<button type="button" class="close" aria-label="Close">×</button></header>` +
                    `<p class="error" role="alert">${e(message)}</p>`;
}
