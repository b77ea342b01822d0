// Unit test of web/src/highlight.js (byte offsets -> nested <mark> elements).
// Run: node tests/web/highlight_test.mjs   (exit 0 on success, 1 with the failures)
import {highlightHtml, nestSpans, spansOfRecord} from '../../web/src/highlight.js';

let failures = 0;
function check(name, got, want) {
  if (got !== want) {
    failures++;
    console.error(`FAIL ${name}\n  got:  ${got}\n  want: ${want}`);
  }
}
const bytes = (s) => new TextEncoder().encode(s).length;
const strip = (html) => html.replace(/ title="[^"]*"/g, '').replace(/ data-role="[^"]*"/g, '');

// A record whose document starts with a 10-byte prefix before the sentence, and a
// sentence with multi-byte characters before the spans (so string indices != bytes).
const prefix = 'ÅÄÖ TEXT. ';  // 13 bytes, 10 characters
const sentence = 'In Aleppo’s east, “rebels” killed 3 soldiers on Monday, the army said.';
const at = (word, from = 0) => bytes(prefix) + bytes(sentence.slice(0, sentence.indexOf(word, from)));
const span = (word) => ({start: at(word), end: at(word) + bytes(word)});
const record = {
  sentence,
  span: {start: bytes(prefix), end: bytes(prefix) + bytes(sentence)},
  cameo: '190',
  source: {text: 'rebels', code: '---REB', ...span('rebels')},
  target: {text: '3 soldiers', code: '---MIL', ...span('3 soldiers')},
  trigger: {text: 'killed', ...span('killed')},
  location: {text: 'Aleppo', name: 'Aleppo', country: 'SYR', precision: 'city', ...span('Aleppo')},
  date: {value: '2021-06-21', precision: 'day', text: 'on Monday'},
  fatalities: {count: 3, qualifier: 'exact', mentions: [{text: '3 soldiers', ...span('3 soldiers')}]},
  attribution: {text: 'the army', status: 'reported', ...span('the army')},
};
check('all kinds, nested, multi-byte', strip(highlightHtml(record)),
      'In <mark class="span-place">Aleppo</mark>’s east, “<mark class="span-actor role-source">rebels</mark>”' +
      ' <mark class="span-trigger">killed</mark> <mark class="span-actor role-target"><mark class="span-casualty">' +
      '3 soldiers</mark></mark> <mark class="span-date">on Monday</mark>, <mark class="span-attribution">the army' +
      '</mark> said.');
check('spans of record', spansOfRecord(record).map((s) => s.kind).join(','),
      'actor,actor,trigger,place,casualty,attribution,date');

// A place outside the sentence (basis "document") is not marked; no span -> plain escaped text.
check('outside the sentence', strip(highlightHtml({...record, source: null, target: null, trigger: null,
                                                    fatalities: null, attribution: null, date: null,
                                                    location: {text: 'X', start: 0, end: 3}})),
      sentence);
check('no span: escaped', highlightHtml({sentence: 'a < b & "c"', span: null}), 'a &lt; b &amp; &quot;c&quot;');

// A span crossing the end of an enclosing one is split.
const tree = nestSpans(20, [{kind: 'actor', start: 0, end: 10}, {kind: 'trigger', start: 5, end: 15}]);
check('crossing spans split', JSON.stringify(tree.children.map((c) => [c.kind, c.start, c.end,
                                                                         c.children.map((d) => [d.kind, d.start, d.end])])),
      '[["actor",0,10,[["trigger",5,10]]],["trigger",10,15,[]]]');

// Offsets inside a multi-byte character snap to its first byte (no broken characters).
const r2 = {sentence: '“x”', span: {start: 0, end: 7}, trigger: {text: 'x', start: 2, end: 5}};
check('mid-character offsets', strip(highlightHtml(r2)), '<mark class="span-trigger">“x</mark>”');

if (failures) {
  console.error(`highlight_test: ${failures} failure(s)`);
  process.exit(1);
}
console.log('highlight_test: OK');
