// Builds the web page of `sitrep serve` into OUT (default build/web):
//   node web/build.mjs [OUT]
// - copies web/src/* (index.html, the ES modules, style.css) as they are;
// - copies Leaflet's dist files (leaflet.js, leaflet.css, images/) to vendor/leaflet/;
// - converts the Natural Earth country shapes of the npm package world-atlas
//   (TopoJSON, 1:50m) to GeoJSON with topojson-client, adds each country's ISO
//   3166-1 alpha-3 code and name from world-countries, rounds coordinates to
//   0.01 degree, unwraps rings across the antimeridian, and writes
//   basemap/countries.geojson;
// - writes vocab.json (CAMEO roots, PLOVER and ACLED types of data/cameo/cameo.tsv)
//   and countries.json ([{iso3, name}] sorted by name) for the filters.
// No network, no bundler, no install scripts: plain Node (>= 18) and node_modules.
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const out = resolve(process.argv[2] || join(root, 'build', 'web'));
const modules = join(root, 'node_modules');
const require = createRequire(join(root, 'package.json'));

function fail(message) {
  console.error(`web/build.mjs: ${message}`);
  process.exit(1);
}

for (const pkg of ['leaflet', 'topojson-client', 'world-atlas', 'world-countries']) {
  if (!existsSync(join(modules, pkg, 'package.json'))) {
    fail(`node_modules/${pkg} is missing: run 'npm ci --ignore-scripts' (make setup)`);
  }
}
const topojson = require('topojson-client');

mkdirSync(out, {recursive: true});

// 1. Our sources.
const src = join(here, 'src');
for (const name of readdirSync(src)) cpSync(join(src, name), join(out, name), {recursive: true});

// 2. Leaflet.
const leafletOut = join(out, 'vendor', 'leaflet');
mkdirSync(leafletOut, {recursive: true});
for (const name of ['leaflet.js', 'leaflet.css', 'images']) {
  cpSync(join(modules, 'leaflet', 'dist', name), join(leafletOut, name), {recursive: true});
}
cpSync(join(modules, 'leaflet', 'LICENSE'), join(leafletOut, 'LICENSE'));

// 3. Basemap: world-atlas TopoJSON -> GeoJSON with ISO3 codes.
const countries = JSON.parse(readFileSync(join(modules, 'world-countries', 'countries.json'), 'utf8'));
const byNumeric = new Map();
for (const c of countries) if (c.ccn3) byNumeric.set(String(c.ccn3).padStart(3, '0'), c);

const topo = JSON.parse(readFileSync(join(modules, 'world-atlas', 'countries-50m.json'), 'utf8'));
const geo = topojson.feature(topo, topo.objects.countries);
const round = (v) => Math.round(v * 100) / 100;
function roundCoords(c) {
  if (typeof c[0] === 'number') return [round(c[0]), round(c[1])];
  return c.map(roundCoords);
}
// Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from +180 to
// -180; Leaflet draws that jump as a line across the world. Unwrap them so
// that the ring stays continuous (longitudes beyond 180). The edge of
// Antarctica along the south pole is a real edge and stays.
function unwrapRing(ring) {
  let offset = 0;
  const outRing = [];
  for (let i = 0; i < ring.length; i++) {
    if (i > 0) {
      const d = ring[i][0] - ring[i - 1][0];
      const polar = Math.abs(ring[i][1]) > 89 && Math.abs(ring[i - 1][1]) > 89;
      if (Math.abs(d) > 180 && !polar) offset -= Math.sign(d) * 360;
    }
    outRing.push([ring[i][0] + offset, ring[i][1]]);
  }
  return outRing;
}
function unwrap(geometry) {
  if (geometry.type === 'Polygon') return {...geometry, coordinates: geometry.coordinates.map(unwrapRing)};
  if (geometry.type === 'MultiPolygon') {
    return {...geometry, coordinates: geometry.coordinates.map((p) => p.map(unwrapRing))};
  }
  return geometry;
}
const features = [];
for (const f of geo.features) {
  if (!f.geometry) continue;
  const info = f.id !== undefined ? byNumeric.get(String(f.id).padStart(3, '0')) : undefined;
  features.push({
    type: 'Feature',
    properties: {iso3: info ? info.cca3 : null, name: info ? info.name.common : f.properties.name},
    geometry: unwrap({type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates)}),
  });
}
mkdirSync(join(out, 'basemap'), {recursive: true});
writeFileSync(join(out, 'basemap', 'countries.geojson'),
              JSON.stringify({type: 'FeatureCollection', features}));
cpSync(join(modules, 'world-atlas', 'LICENSE'), join(out, 'basemap', 'LICENSE-world-atlas'));

// 4. The type filter's vocabulary, from the CAMEO table the coder uses
//    (data/cameo/cameo.tsv): CAMEO roots with labels, PLOVER event types, ACLED
//    event types with their sub-event types.
const vocab = {cameo_roots: [], plover: [], acled: []};
{
  const plover = new Set();
  const acled = new Map();
  const tsv = readFileSync(join(root, 'data', 'cameo', 'cameo.tsv'), 'utf8');
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols[0] === 'code') continue;  // header
    const [code, label, , , ploverEvent, , acledType, acledSub] = cols;
    if (code.length === 2) vocab.cameo_roots.push({code, label});
    if (ploverEvent) plover.add(ploverEvent);
    if (acledType) {
      if (!acled.has(acledType)) acled.set(acledType, new Set());
      if (acledSub) acled.get(acledType).add(acledSub);
    }
  }
  vocab.plover = [...plover].sort();
  vocab.acled = [...acled.keys()].sort().map((type) => ({type, sub_types: [...acled.get(type)].sort()}));
}
writeFileSync(join(out, 'vocab.json'), JSON.stringify(vocab));

// 5. Country names for the filter.
const names = countries.filter((c) => c.cca3)
                  .map((c) => ({iso3: c.cca3, name: c.name.common}))
                  .sort((a, b) => a.name.localeCompare(b.name, 'en'));
writeFileSync(join(out, 'countries.json'), JSON.stringify(names));

console.log(`web/build.mjs: ${out} (${features.length} country shapes)`);
