import { api, esc, renderHeader, segmentColours } from './common.js';

// No tile layer: the map works offline on a plain background (no internet tiles).
const map = L.map('map', { preferCanvas: false, attributionControl: true }).setView([31, 116], 5);
map.attributionControl.addAttribution('CustomerCore demo data');
const customers = L.layerGroup().addTo(map);
const clusters = L.layerGroup().addTo(map);
const route = L.layerGroup().addTo(map);
const statusEl = document.getElementById('map-status');

const legend = L.control({ position: 'bottomright' });
legend.onAdd = () => {
  const div = L.DomUtil.create('div', 'legend');
  div.innerHTML = Object.entries(segmentColours).map(([s, c]) => `<i style="background:${c}"></i>${esc(s)}`).join('<br>');
  return div;
};
legend.addTo(map);

async function loadCustomers() {
  const points = await api('/api/map/customers');
  customers.clearLayers();
  for (const p of points) {
    L.circleMarker([p.lat, p.lon], {
      radius: 6, weight: 1, color: '#fff', fillOpacity: .9, fillColor: segmentColours[p.segment] ?? '#3388ff', className: 'customer-marker',
    }).bindPopup(`<a href="/customer.html?id=${esc(p.id)}">${esc(p.displayName)}</a><br>${esc(p.segment)} · ${esc(p.ownerId)}`).addTo(customers);
  }
  if (points.length) map.fitBounds(L.latLngBounds(points.map(p => [p.lat, p.lon])), { padding: [20, 20], animate: false });
  return points.length;
}

async function loadClusters() {
  clusters.clearLayers();
  if (!document.getElementById('show-clusters').checked) return;
  const cells = await api('/api/map/clusters?cellDegrees=1');
  for (const c of cells) {
    // Pixel-sized circles, so a cluster reads the same at every zoom; the count sits in a permanent label.
    L.circleMarker([c.lat, c.lon], { radius: 14 + 2 * Math.sqrt(c.count), color: '#1f3a5f', weight: 1.5, dashArray: '4 3', fillOpacity: .06, className: 'cluster-circle', interactive: false })
      .bindTooltip(`${c.count}`, { permanent: true, direction: 'center', className: 'cluster-label' }).addTo(clusters);
  }
}

async function loadRoute() {
  const rep = document.getElementById('rep').value;
  const city = document.getElementById('city').value;
  const r = await api(`/api/map/route?rep=${encodeURIComponent(rep)}&city=${encodeURIComponent(city)}`);
  route.clearLayers();
  if (r.stops.length > 1) {
    const line = L.polyline(r.stops.map(s => [s.lat, s.lon]), { color: '#c0392b', weight: 3, className: 'route-line' }).addTo(route);
    r.stops.forEach(s => L.marker([s.lat, s.lon], { icon: L.divIcon({ className: 'route-stop', html: String(s.order), iconSize: [18, 18] }) }).addTo(route));
    map.fitBounds(line.getBounds(), { padding: [30, 30], animate: false }); // focus on the rep's route; other markers stay on the map
  }
  statusEl.textContent = `${r.stops.length} stops for ${rep}`;
}

async function loadAll() {
  try {
    const n = await loadCustomers();
    await Promise.all([loadClusters(), loadRoute()]);
    document.getElementById('map').dataset.markers = String(n);
  } catch (e) {
    statusEl.innerHTML = `<span class="error">${esc(e.message)}</span>`;
  }
}

document.getElementById('rep').addEventListener('change', loadRoute);
document.getElementById('city').addEventListener('change', loadRoute);
document.getElementById('show-clusters').addEventListener('change', loadClusters);
renderHeader();
loadAll();
