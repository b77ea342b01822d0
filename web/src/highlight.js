// Highlighting the spans of an event record inside its sentence.
//
// Record offsets are UTF-8 byte offsets into the document (docs/events.md);
// the sentence's own span is `record.span`. So a span's position inside the
// sentence is `start - record.span.start`, in bytes, and the text is cut with
// TextEncoder/TextDecoder, never with JS string indices (which count UTF-16
// code units: "Aleppo’s" has 8 of them and 10 bytes).
//
//   spansOfRecord(record)  -> [{kind: 'actor', role: 'source', start, end, label}, ...]
//   highlightHtml(record)  -> 'Police said <mark class="span-actor" ...>gunmen</mark> had
//                              <mark class="span-trigger" ...>attacked</mark> ...'
//
// Kinds and classes: actor (source and target: `span-actor`, plus `role-source` /
// `role-target`), trigger (`span-trigger`), place (`span-place`: location and
// launch location), date (`span-date`), casualty (`span-casualty`: the mentions of
// fatalities, injured, arrested, abducted, displaced) and attribution
// (`span-attribution`). Spans nest as marks (<mark span-actor><mark
// span-casualty>nine villagers</mark></mark>); a span that crosses the end of an
// enclosing one is split in two marks. Spans outside the sentence are dropped.
// A date has no offsets in the record: its words (`date.text`) are looked up in
// the sentence, first occurrence, and marked when found.
// Pure functions (no DOM): the node test tests/web/highlight_test.mjs runs them.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

function isSpan(o) {
  return o && Number.isInteger(o.start) && Number.isInteger(o.end) && o.end > o.start;
}

function actorLabel(role, a) {
  const code = a.code ? ` (${a.code})` : '';
  const name = a.name ? `, ${a.name}` : '';
  return `${role} actor: ${a.text}${code}${name}`;
}

// The highlightable spans of `record`, in document byte offsets.
export function spansOfRecord(record) {
  const spans = [];
  const add = (kind, role, o, label) => {
    if (isSpan(o)) spans.push({kind, role, start: o.start, end: o.end, label});
  };
  for (const role of ['source', 'target']) {
    const a = record[role];
    if (a) add('actor', role, a, actorLabel(role, a));
  }
  const t = record.trigger;
  if (t) add('trigger', 'trigger', t, `trigger: ${t.text} (CAMEO ${record.cameo ?? '?'})`);
  for (const role of ['location', 'launch_location']) {
    const p = record[role];
    if (!p) continue;
    const where = [p.name, p.admin1, p.country].filter(Boolean).join(', ');
    add('place', role, p, `${role === 'location' ? 'place' : 'launched from'}: ${p.text}` +
        (where ? ` (${where}${p.precision ? ', ' + p.precision : ''})` : ' (not in the gazetteer)'));
  }
  for (const role of ['fatalities', 'injured', 'arrested', 'abducted', 'displaced']) {
    const c = record[role];
    if (!c || !Array.isArray(c.mentions)) continue;
    for (const m of c.mentions) {
      add('casualty', role, m, `${role}: ${m.text}` + (c.count != null ? ` (${c.count}, ${c.qualifier})` : ''));
    }
  }
  const a = record.attribution;
  if (a && a.text) add('attribution', 'attribution', a, `attributed to: ${a.text} (${a.status})`);
  const d = record.date;
  if (d && d.text) {
    const label = `date: ${d.value ?? '?'} (${d.precision ?? '?'}; "${d.text}")`;
    if (isSpan(d)) {
      add('date', 'date', d, label);
    } else if (record.sentence && record.span && Number.isInteger(record.span.start)) {
      const bytes = encoder.encode(record.sentence);
      const needle = encoder.encode(d.text);
      const at = indexOfBytes(bytes, needle);
      if (at >= 0) {
        const start = record.span.start + at;
        spans.push({kind: 'date', role: 'date', start, end: start + needle.length, label});
      }
    }
  }
  return spans;
}

function indexOfBytes(hay, needle) {
  if (needle.length === 0) return -1;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// Moves a byte offset back to the first byte of its UTF-8 character.
function charStart(bytes, i) {
  while (i > 0 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i--;
  return i;
}

// Kinds inside others when two spans cover the same bytes (actor outside casualty).
const kOrder = {attribution: 0, actor: 1, place: 2, date: 3, casualty: 4, trigger: 5};

// The tree of nested marks over `bytes` (sentence-relative spans).
export function nestSpans(length, spans) {
  const queue = spans.filter((s) => s.end > s.start)
                    .sort((a, b) => a.start - b.start || b.end - a.end ||
                                    (kOrder[a.kind] ?? 9) - (kOrder[b.kind] ?? 9));
  const root = {start: 0, end: length, children: []};
  const stack = [root];
  while (queue.length) {
    let sp = queue.shift();
    while (stack.length > 1 && stack[stack.length - 1].end <= sp.start) stack.pop();
    const top = stack[stack.length - 1];
    if (sp.end > top.end) {
      // Crosses the end of the enclosing mark: the rest becomes a mark of its own.
      const rest = {...sp, start: top.end};
      let k = 0;
      while (k < queue.length && (queue[k].start < rest.start ||
                                  (queue[k].start === rest.start && queue[k].end >= rest.end))) {
        k++;
      }
      queue.splice(k, 0, rest);
      sp = {...sp, end: top.end};
    }
    const node = {...sp, children: []};
    top.children.push(node);
    stack.push(node);
  }
  return root;
}

// The sentence of `record` as HTML with its spans as <mark> elements.
export function highlightHtml(record) {
  const sentence = record.sentence ?? '';
  const bytes = encoder.encode(sentence);
  const base = record.span && Number.isInteger(record.span.start) ? record.span.start : null;
  if (base === null) return escapeHtml(sentence);
  const local = [];
  for (const s of spansOfRecord(record)) {
    let start = Math.max(0, s.start - base);
    let end = Math.min(bytes.length, s.end - base);
    if (end <= start) continue;  // outside the sentence (e.g. a place from the document)
    start = charStart(bytes, start);
    end = charStart(bytes, end);
    if (end > start) local.push({...s, start, end});
  }
  const tree = nestSpans(bytes.length, local);
  const text = (a, b) => escapeHtml(decoder.decode(bytes.subarray(a, b)));
  const render = (node) => {
    let html = '';
    let at = node.start;
    for (const child of node.children) {
      html += text(at, child.start);
      const role = child.role && child.kind === 'actor' ? ` role-${child.role}` : '';
      html += `<mark class="span-${child.kind}${role}" data-role="${escapeHtml(child.role)}"` +
              ` title="${escapeHtml(child.label)}">${render(child)}</mark>`;
      at = child.end;
    }
    return html + text(at, node.end);
  };
  return render(tree);
}
