// The ticket's location on a Leaflet map (vendor/leaflet, served from this origin). Unless a tile server is configured
// (map-tiles.js) none is contacted: the map shows the marker on a plain background with a scale, and the coordinates
// are written beside it, so the page works the same with or without a connection beyond this server.
import { t } from "./i18n.js";
import { addTiles } from "./map-tiles.js";

const ZOOM = 15;

/** Shows `location` in `container` (reusing `map` if given); answers the map, or null when there are no coordinates. */
export function showLocation(container, caption, location, map) {
  const lat = location?.lat, lon = location?.lon;
  if (lat == null || lon == null || !window.L) {
    map?.remove();
    container.hidden = true;
    caption.textContent = t("ticket.map.none");
    return null;
  }
  container.hidden = false;
  caption.textContent = t("ticket.map.at", { lat: lat.toFixed(5), lon: lon.toFixed(5) });
  const L = window.L;
  if (!map) {
    map = L.map(container, { attributionControl: false, keyboard: true }).setView([lat, lon], ZOOM);
    L.control.scale({ imperial: false }).addTo(map);
    addTiles(map);
  } else {
    map.setView([lat, lon], ZOOM);
    map.eachLayer((layer) => layer instanceof L.Marker && map.removeLayer(layer));
  }
  L.marker([lat, lon], { title: location.address ?? `${lat}, ${lon}`, alt: location.address ?? "" }).addTo(map);
  return map;
}
