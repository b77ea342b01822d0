// End-to-end test of the web page: the real `sitrep` ingests our fixture
// articles (tests/web/articles.jsonl) into a fresh SQLite store, `sitrep serve`
// serves it with the built page, and headless Debian chromium, driven by
// playwright-core, checks what a user sees:
//   1. one marker per located incident of GET /api/incidents;
//   2. a country filter, a text filter and a type filter each bring the markers
//      and the list down to the API's count for the same filter, and put the
//      filter in the URL hash;
//   3. dragging across the timeline sets from/to and the markers follow the API;
//   4. opening an incident (a list row, then a marker) shows each report's
//      sentence with the trigger, actor, place, casualty and attribution marks
//      equal to the record's words; Enter on a row opens it, Escape closes it;
//   5. screenshots go to OUT (default <build>/test-output/web/).
// Exit 0 pass, 1 fail (with the reason), 77 skip (no chromium or no
// node_modules/playwright-core).
//
//   node tests/web/e2e.mjs --sitrep build/sitrep --web build/web --out build/test-output/web
//   node tests/web/e2e.mjs --base-url http://127.0.0.1:8080 --out /tmp/shots   (a running server)
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const kChromium = '/usr/bin/chromium';
const kWait = 60000;  // generous: a wait, never an assertion on speed

function parseArgs(argv) {
  const args = {sitrep: join(root, 'build', 'sitrep'), web: null, out: null, baseUrl: null,
                articles: join(here, 'articles.jsonl')};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--sitrep') args.sitrep = v;
    else if (k === '--web') args.web = v;
    else if (k === '--out') args.out = v;
    else if (k === '--base-url') args.baseUrl = v;
    else if (k === '--articles') args.articles = v;
    else {
      console.error(`e2e: unknown argument ${k}`);
      process.exit(2);
    }
    i++;
  }
  args.web ??= join(dirname(args.sitrep), 'web');
  args.out ??= join(dirname(args.sitrep), 'test-output', 'web');
  return args;
}

class Failure extends Error {}
function expect(cond, message) {
  if (!cond) throw new Failure(message);
}
const log = (m) => console.log(`e2e: ${m}`);

async function freePort() {
  return new Promise((ok, ko) => {
    const s = net.createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => ok(port));
    });
  });
}

async function getJson(base, path) {
  const res = await fetch(base + path);
  const text = await res.text();
  expect(res.ok, `GET ${path}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Failure(`GET ${path}: not JSON: ${text.slice(0, 300)}`);
  }
}

const located = (items) => items.filter((i) => i.lat != null && i.lon != null);

// Starts `sitrep serve` and waits until it answers (or exits).
async function startServer(args, db, port) {
  const child = spawn(args.sitrep, ['serve', '--db', db, '--host', '127.0.0.1', '--port', String(port),
                                    '--web', args.web],
                      {stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = {code, signal}));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + kWait;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Failure(`sitrep serve exited (${exited.code ?? exited.signal}) before answering:\n${output}`);
    }
    try {
      const res = await fetch(`${base}/api/stats`);
      if (res.ok) return {child, base, output: () => output};
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Failure(`sitrep serve did not answer on ${base} within ${kWait / 1000} s:\n${output}`);
}

async function loads(page) {
  return Number(await page.evaluate(() => document.body.dataset.loads ?? 0));
}
// Waits for the page to finish a load after `before` loads.
async function waitLoaded(page, before) {
  await page.waitForFunction(
      (n) => document.body.dataset.state === 'ready' && Number(document.body.dataset.loads) > n, before,
      {timeout: kWait});
}
async function markerCount(page) {
  return page.locator('#map path.incident-marker').count();
}
async function rowCount(page) {
  return page.locator('#incident-list tbody tr').count();
}

// Checks the marks of each report of incident `id` against its records.
async function checkIncident(page, base, id) {
  await page.waitForSelector(`#detail[data-incident-state=ready][data-incident-id="${id}"]`, {timeout: kWait});
  const data = await getJson(base, `/api/incidents/${id}`);
  const reports = page.locator('#detail li.report');
  expect(await reports.count() === data.reports.length,
         `incident ${id}: ${await reports.count()} reports shown, the API has ${data.reports.length}`);
  const encoder = new TextEncoder();
  const inside = (ev, s) => s && Number.isInteger(s.start) && ev.span && s.start >= ev.span.start &&
                            s.end <= ev.span.end;
  let checked = 0;
  let triggersEqualText = 0;
  for (let i = 0; i < data.reports.length; i++) {
    const ev = data.reports[i].event;
    const li = reports.nth(i);
    const sentence = await li.locator('.sentence').innerText();
    expect(sentence.replace(/\s+/g, ' ').trim() === ev.sentence.replace(/\s+/g, ' ').trim(),
           `incident ${id} report ${i}: sentence shown "${sentence}" != record "${ev.sentence}"`);
    const marks = async (sel) => (await li.locator(`.sentence mark${sel}`).allInnerTexts()).join('');
    // The span's bytes of the sentence, as the record's offsets say.
    const bytesOf = (s) => new TextDecoder().decode(
        encoder.encode(ev.sentence).subarray(s.start - ev.span.start, s.end - ev.span.start));
    // Each mark holds the bytes its record span covers; for contiguous words
    // that is the record's `text` too (a split trigger such as "called ... on"
    // spans more than its text).
    if (inside(ev, ev.trigger)) {
      const got = await marks('.span-trigger');
      expect(got === bytesOf(ev.trigger),
             `incident ${id} report ${i}: trigger mark "${got}" != the record's span "${bytesOf(ev.trigger)}"`);
      if (got === ev.trigger.text) triggersEqualText++;
      checked++;
    }
    for (const role of ['source', 'target']) {
      const a = ev[role];
      if (!inside(ev, a)) continue;
      const got = await marks(`.span-actor.role-${role}`);
      expect(got === bytesOf(a), `incident ${id} report ${i}: ${role} mark "${got}" != record "${a.text}"`);
      checked++;
    }
    if (inside(ev, ev.location)) {
      const got = await li.locator('.sentence mark.span-place[data-role=location]').allInnerTexts();
      expect(got.join('') === bytesOf(ev.location),
             `incident ${id} report ${i}: place mark "${got.join('')}" != record "${ev.location.text}"`);
      checked++;
    }
    const mentions = (ev.fatalities?.mentions ?? []).filter((m) => inside(ev, m));
    if (mentions.length) {
      const got = await li.locator('.sentence mark.span-casualty[data-role=fatalities]').allInnerTexts();
      expect(got.join('|') === mentions.map((m) => bytesOf(m)).join('|'),
             `incident ${id} report ${i}: casualty marks "${got.join('|')}" != record ` +
                 `"${mentions.map((m) => m.text).join('|')}"`);
      checked++;
    }
    if (inside(ev, ev.attribution)) {
      const got = await marks('.span-attribution');
      expect(got === bytesOf(ev.attribution),
             `incident ${id} report ${i}: attribution mark "${got}" != record "${ev.attribution.text}"`);
      checked++;
    }
    const doc = data.reports[i].document;
    if (doc?.title) {
      const title = await li.locator('.doc-title').innerText();
      expect(title.trim() === doc.title.trim(), `incident ${id} report ${i}: title "${title}" != "${doc.title}"`);
    }
  }
  expect(triggersEqualText > 0, `incident ${id}: no trigger mark equals its record's trigger text`);
  return checked;
}

async function run(args, browserPath) {
  const {chromium} = await import(join(root, 'node_modules', 'playwright-core', 'index.mjs'));
  mkdirSync(args.out, {recursive: true});
  let server = null;
  let tmp = null;
  let browser = null;  // the persistent context
  let profile = null;
  let page = null;
  try {
    let base = args.baseUrl;
    if (!base) {
      // The page as `make web` builds it.
      const build = spawnSync(process.execPath, [join(root, 'web', 'build.mjs'), args.web], {encoding: 'utf8'});
      expect(build.status === 0, `web/build.mjs failed:\n${build.stdout}${build.stderr}`);
      expect(existsSync(args.sitrep), `no sitrep binary at ${args.sitrep}`);
      tmp = mkdtempSync(join(tmpdir(), 'sitrep-web-e2e-'));
      const db = join(tmp, 'test.sqlite');
      const ingest = spawnSync(args.sitrep, ['ingest', args.articles, '--db', db], {encoding: 'utf8'});
      expect(ingest.status === 0, `sitrep ingest failed (${ingest.status}):\n${ingest.stdout}${ingest.stderr}`);
      log(ingest.stderr.trim().split('\n').pop());
      server = await startServer(args, db, await freePort());
      base = server.base;
    }
    log(`server ${base}`);

    const all = await getJson(base, '/api/incidents?limit=10000');
    const allLocated = located(all.items);
    expect(all.total === all.items.length, `expected every incident in one page (${all.total})`);
    expect(allLocated.length > 0, 'the API reports no located incident: nothing to draw');
    const countries = new Map();
    for (const i of allLocated) if (i.country) countries.set(i.country, (countries.get(i.country) ?? 0) + 1);
    expect(countries.size >= 3, `fixture incidents in ${countries.size} countries, want 3 or more`);
    log(`API: ${all.total} incidents, ${allLocated.length} located, in ${countries.size} countries`);

    // A fresh profile each run (playwright passes it as --user-data-dir).
    profile = mkdtempSync(join(tmpdir(), 'sitrep-web-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: browserPath,
      headless: true,
      viewport: {width: 1440, height: 900},
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? await browser.newPage();
    const pageErrors = [];
    const offsite = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) offsite.push(r.url());
    });

    // 1. All incidents.
    await page.goto(base + '/', {timeout: kWait});
    await waitLoaded(page, 0);
    let n = await markerCount(page);
    expect(n === allLocated.length, `${n} markers on the map, the API has ${allLocated.length} located incidents`);
    expect(await rowCount(page) === all.items.length,
           `${await rowCount(page)} list rows, the API has ${all.items.length} incidents`);
    await page.locator('#map path.leaflet-interactive').first().waitFor({timeout: kWait});
    expect(await page.locator('.leaflet-pane path').count() > n, 'no basemap shapes drawn');
    log(`page: ${n} markers = API`);

    // 2a. A country filter: the country with most incidents, unless it has them all.
    const [country] = [...countries.entries()].sort((a, b) => b[1] - a[1])
                          .find(([, c]) => c < allLocated.length) ?? [];
    expect(country, 'no country with fewer incidents than the whole store');
    let before = await loads(page);
    await page.selectOption('#f-country', country);
    await waitLoaded(page, before);
    const byCountry = await getJson(base, `/api/incidents?country=${country}&limit=10000`);
    n = await markerCount(page);
    expect(n === located(byCountry.items).length && n < allLocated.length,
           `country ${country}: ${n} markers, the API has ${located(byCountry.items).length} (of ${allLocated.length})`);
    expect(await rowCount(page) === byCountry.items.length, `country ${country}: list rows != API`);
    expect(page.url().includes(`country=${country}`), `the URL hash lacks country=${country}: ${page.url()}`);
    log(`country=${country}: ${n} markers = API`);
    // "Only in the map view" (the map has zoomed onto the country) keeps the
    // rows of its located incidents and hides those without coordinates.
    await page.check('#in-view');
    const visibleRows = () => page.locator('#incident-list tbody tr:not([hidden])').count();
    expect(await visibleRows() === located(byCountry.items).length,
           `in view: ${await visibleRows()} rows, want the ${located(byCountry.items).length} located ones`);
    await page.uncheck('#in-view');
    expect(await visibleRows() === byCountry.items.length, 'unchecking "only in the map view" did not show all rows');

    // 2b. Text, with the country still set: a word of one of its sentences.
    const someEvent = (await getJson(base, `/api/events?country=${country}&limit=1`)).items[0];
    const word = someEvent.trigger?.text?.split(/\s+/)[0] ?? someEvent.sentence.split(/\s+/)[0];
    before = await loads(page);
    await page.fill('#f-q', word);
    await page.press('#f-q', 'Enter');
    await waitLoaded(page, before);
    const byText = await getJson(base, `/api/incidents?country=${country}&q=${encodeURIComponent(word)}&limit=10000`);
    n = await markerCount(page);
    expect(n === located(byText.items).length && n > 0,
           `country ${country} + q=${word}: ${n} markers, the API has ${located(byText.items).length}`);
    log(`country=${country}&q=${word}: ${n} markers = API`);

    // 2c. Reset, then a type filter (PLOVER ASSAULT).
    before = await loads(page);
    await page.click('#reset');
    await waitLoaded(page, before);
    expect(await markerCount(page) === allLocated.length, 'reset did not bring all markers back');
    before = await loads(page);
    await page.selectOption('#f-type', 'plover:ASSAULT');
    await waitLoaded(page, before);
    const byType = await getJson(base, '/api/incidents?plover=ASSAULT&limit=10000');
    n = await markerCount(page);
    expect(n === located(byType.items).length, `plover=ASSAULT: ${n} markers, the API has ${located(byType.items).length}`);
    log(`plover=ASSAULT: ${n} markers = API`);

    // 3. Brush: drag across the middle of the timeline.
    const overlay = page.locator('#timeline rect.overlay');
    const box = await overlay.boundingBox();
    expect(box && box.width > 100, 'no timeline brush');
    before = await loads(page);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, {steps: 8});
    await page.mouse.up();
    await waitLoaded(page, before);
    const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
    const from = hash.get('from');
    const to = hash.get('to');
    expect(from && to && from <= to, `the brush did not set from/to: ${page.url()}`);
    const byDates = await getJson(base, `/api/incidents?plover=ASSAULT&from=${from}&to=${to}&limit=10000`);
    n = await markerCount(page);
    expect(n === located(byDates.items).length,
           `brush ${from}..${to}: ${n} markers, the API has ${located(byDates.items).length}`);
    expect(await page.inputValue('#f-from') === from && await page.inputValue('#f-to') === to,
           'the date inputs do not show the brushed range');
    log(`brush ${from}..${to}: ${n} markers = API`);
    await page.screenshot({path: join(args.out, 'filtered.png')});

    // 4. Open incidents: back to all, the incident with the most dead via its list row.
    before = await loads(page);
    await page.click('#reset');
    await waitLoaded(page, before);
    const ranked = [...allLocated].sort((a, b) => (b.fatalities_best ?? -1) - (a.fatalities_best ?? -1) ||
                                               b.n_events - a.n_events);
    const first = ranked[0];
    await page.click(`#incident-list tbody tr[data-id="${first.id}"]`);
    let checked = await checkIncident(page, base, first.id);
    expect(checked > 0, `incident ${first.id}: no span inside its sentences to check`);
    expect(page.url().includes(`id=${first.id}`), `the URL hash lacks id=${first.id}`);
    expect(await page.locator(`#incident-list tr[data-id="${first.id}"][aria-current=true]`).count() === 1,
           'the list row of the open incident is not selected');
    expect(await page.locator(`#map path.incident-marker.selected[data-id="${first.id}"]`).count() === 1,
           'the marker of the open incident is not selected');
    log(`incident ${first.id} (list row): ${checked} spans = records`);
    await page.screenshot({path: join(args.out, 'incident.png')});

    // ... and another one by its marker.
    const second = ranked.find((i) => i.id !== first.id);
    if (second) {
      await page.locator(`#map path.incident-marker[data-id="${second.id}"]`).dispatchEvent('click');
      checked = await checkIncident(page, base, second.id);
      log(`incident ${second.id} (marker): ${checked} spans = records`);
    }

    // Keyboard: Enter on a focused row opens its incident and moves the focus
    // to the panel's heading; Escape closes it and gives the focus back.
    const row = page.locator(`#incident-list tbody tr[data-id="${first.id}"]`);
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#detail[data-incident-state=ready][data-incident-id="${first.id}"]`,
                               {timeout: kWait});
    await page.waitForFunction(() => document.activeElement?.id === 'detail-title', null, {timeout: kWait});
    await page.keyboard.press('Escape');
    await page.waitForSelector('#detail', {state: 'hidden', timeout: kWait});
    expect(await page.evaluate(() => document.activeElement?.dataset?.id) === String(first.id),
           'Escape did not give the focus back to the incident row');
    expect(!page.url().includes('id='), `the closed incident stays in the URL: ${page.url()}`);
    log('keyboard: Enter opens, Escape closes');

    expect(pageErrors.length === 0, `errors in the page:\n  ${pageErrors.join('\n  ')}`);

    // An unknown incident id in the URL is a message, not a broken page (the
    // browser logs the 404 itself).
    await page.goto(`${base}/#id=999999999`);
    await page.waitForSelector('#detail[data-incident-state=error]', {timeout: kWait});
    expect(offsite.length === 0, `requests outside the server:\n  ${offsite.join('\n  ')}`);
    log(`screenshots in ${args.out}`);
    log('PASS');
    return 0;
  } catch (e) {
    if (page) await page.screenshot({path: join(args.out, 'failure.png')}).catch(() => {});
    console.error(`e2e: FAIL: ${e instanceof Failure ? e.message : e.stack}`);
    if (server) console.error(`--- sitrep serve output ---\n${server.output()}`);
    return 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => {
        if (server.child.exitCode !== null || server.child.signalCode !== null) return r();
        server.child.once('exit', r);
        setTimeout(() => {
          server.child.kill('SIGKILL');
          r();
        }, 10000);
      });
    }
    if (tmp) rmSync(tmp, {recursive: true, force: true});
    if (profile) rmSync(profile, {recursive: true, force: true});
  }
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(kChromium)) {
  console.log(`e2e: SKIP: ${kChromium} is not installed (apt-get install chromium)`);
  process.exit(77);
}
if (!existsSync(join(root, 'node_modules', 'playwright-core', 'index.mjs'))) {
  console.log('e2e: SKIP: node_modules/playwright-core is missing (npm ci, i.e. make setup)');
  process.exit(77);
}
process.exit(await run(args, kChromium));
