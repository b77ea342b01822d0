// The map: Leaflet (global `L`, vendor/leaflet/leaflet.js) over an offline
// basemap of Natural Earth country shapes (basemap/countries.geojson, built
// from the npm package world-atlas by web/build.mjs). No tiles, no network.
//
// Incidents are circle markers (SVG paths with class `incident-marker` and
// `data-id`; drawn on a canvas instead when there are more than 2000), their area proportional to fatalities_best (radius ~ sqrt; a
// minimum size when the figure is 0 or unknown), their colour the event family.

import {colorOf, familyOf} from './colors.js';
import {escapeHtml} from './highlight.js';
import {formatDates, formatFatalities, placeOf} from './format.js';

const kMinRadius = 5;
const kMaxRadius = 42;
const kSvgMax = 2000;
const kLegendRows = 7;

export function radiusOf(best) {
  if (best == null || !(best > 0)) return kMinRadius;
  return Math.min(kMaxRadius, kMinRadius + 3 * Math.sqrt(best));
}

export class IncidentMap {
  // `onSelect(id)` is called when a marker is clicked.
  constructor(element, {onSelect}) {
    this.onSelect = onSelect;
    this.map = L.map(element, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 12,
      zoomSnap: 0.25,
      attributionControl: true,
      keyboard: true,
    });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Natural Earth via world-atlas · Leaflet');
    this.map.createPane('basemap').style.zIndex = 200;
    this.map.setView([20, 20], 2);
    this.markers = new Map();  // id -> circle marker
    this.layer = L.featureGroup().addTo(this.map);
    this.selected = null;
    this.legend = L.control({position: 'bottomright'});
    this.legend.onAdd = () => {
      const div = L.DomUtil.create('div', 'legend');
      div.setAttribute('aria-label', 'Legend');
      L.DomEvent.disableClickPropagation(div);
      this.legendDiv = div;
      return div;
    };
    this.legend.addTo(this.map);
    // The header and the panels change the map's size (filters wrapping, the
    // incident panel opening): Leaflet must know, or fitBounds misses.
    new ResizeObserver(() => this.map.invalidateSize({pan: false})).observe(element);
  }

  async loadBasemap(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`basemap: ${res.status}`);
    const geo = await res.json();
    L.geoJSON(geo, {
      pane: 'basemap',
      interactive: false,
      style: {color: '#a9a397', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1},
    }).addTo(this.map);
  }

  // Replaces the markers by `incidents` (those with coordinates) and fits the view.
  setIncidents(incidents, {fit = true} = {}) {
    this.layer.clearLayers();
    this.markers.clear();
    // Big circles first so that small ones stay clickable on top.
    const located = incidents.filter((i) => i.lat != null && i.lon != null)
                        .sort((a, b) => (b.fatalities_best ?? 0) - (a.fatalities_best ?? 0));
    // SVG paths (one DOM element per marker, which tests count) up to
    // kSvgMax markers; a canvas beyond, which draws thousands much faster.
    const renderer = located.length > kSvgMax ? (this.canvas ??= L.canvas({padding: 0.2})) : undefined;
    const families = new Map();
    // Incidents at the same point (a city's reports on different days) hide
    // each other: the tooltip says how many share the point.
    const pointKey = (inc) => `${inc.lat.toFixed(3)},${inc.lon.toFixed(3)}`;
    const atPoint = new Map();
    for (const inc of located) atPoint.set(pointKey(inc), (atPoint.get(pointKey(inc)) ?? 0) + 1);
    for (const inc of located) {
      const family = familyOf(inc);
      families.set(family, (families.get(family) ?? 0) + 1);
      const color = colorOf(family);
      const marker = L.circleMarker([inc.lat, inc.lon], {
        radius: radiusOf(inc.fatalities_best),
        color: '#ffffff',
        weight: 1.2,
        fillColor: color,
        fillOpacity: 0.78,
        className: 'incident-marker',
        ...(renderer ? {renderer} : {}),
      });
      marker.bindTooltip(
          `<strong>${escapeHtml(placeOf(inc))}</strong><br>${escapeHtml(formatDates(inc))}<br>` +
              `${escapeHtml(family)} · dead ${escapeHtml(formatFatalities(inc))}` +
              (atPoint.get(pointKey(inc)) > 1
                   ? `<br><em>${atPoint.get(pointKey(inc)) - 1} more at this point: see the list</em>`
                   : ''),
          {direction: 'top', offset: [0, -4]});
      marker.on('click', () => this.onSelect(inc.id));
      marker.on('add', () => {
        const el = marker.getElement();
        if (el) {
          el.setAttribute('data-id', String(inc.id));
          el.setAttribute('data-family', family);
        }
      });
      marker.addTo(this.layer);
      this.markers.set(inc.id, marker);
    }
    this.renderLegend(families);
    if (this.selected !== null) this.select(this.selected, {pan: false});
    if (fit && located.length) {
      const bounds = this.layer.getBounds();
      this.map.fitBounds(bounds.pad(0.25), {maxZoom: 6, animate: false});
    }
    return located.length;
  }

  // The families on the map, most frequent first; beyond kLegendRows the rest
  // fold into a <details> so that the legend does not hide the map.
  renderLegend(families) {
    if (!this.legendDiv) return;
    const rows = [...families.entries()].sort((a, b) => b[1] - a[1]);
    const item = ([family, n]) => `<li><span class="swatch" style="background:${colorOf(family)}"></span>` +
                                  `${escapeHtml(family)} <span class="count">${n}</span></li>`;
    let html = '<h2 class="legend-title">Event family</h2><ul>';
    html += rows.slice(0, kLegendRows).map(item).join('') + '</ul>';
    if (rows.length > kLegendRows) {
      html += `<details><summary>${rows.length - kLegendRows} more</summary><ul>` +
              rows.slice(kLegendRows).map(item).join('') + '</ul></details>';
    }
    html += '<p class="legend-size"><span class="dot small"></span><span class="dot big"></span>' +
            'area ∝ deaths (best)</p>';
    this.legendDiv.innerHTML = rows.length ? html : '<p>No located incidents</p>';
  }

  select(id, {pan = true} = {}) {
    const previous = this.markers.get(this.selected);
    if (previous) {
      previous.setStyle({color: '#ffffff', weight: 1.2});
      previous.getElement()?.classList.remove('selected');
    }
    this.selected = id;
    const marker = this.markers.get(id);
    if (!marker) return;
    marker.setStyle({color: '#111111', weight: 3});
    marker.bringToFront();
    marker.getElement()?.classList.add('selected');
    if (pan && !this.map.getBounds().contains(marker.getLatLng())) {
      this.map.panTo(marker.getLatLng());
    }
  }

  highlight(id, on) {
    const marker = this.markers.get(id);
    if (!marker || id === this.selected) return;
    marker.setStyle({color: on ? '#111111' : '#ffffff', weight: on ? 2.5 : 1.2});
  }

  // Calls fn() after each pan or zoom.
  onMove(fn) {
    this.map.on('moveend', fn);
  }

  // Whether (lat, lon) is inside the current view (any world copy).
  inView(lat, lon) {
    if (lat == null || lon == null) return false;
    const b = this.map.getBounds();
    if (lat < b.getSouth() || lat > b.getNorth()) return false;
    if (b.getEast() - b.getWest() >= 360) return true;
    for (const shift of [-360, 0, 360]) {
      if (lon + shift >= b.getWest() && lon + shift <= b.getEast()) return true;
    }
    return false;
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
