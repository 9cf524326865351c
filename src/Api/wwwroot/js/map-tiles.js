// The maps' background. Without a tile server (the default) a map is a plain background with its markers and a scale,
// and no request leaves this origin. With one configured (`Map__TileUrl`, handed to the page by GET /auth/config as
// `map_tiles`), its tiles are drawn under the markers; when it cannot be reached the tiles stay blank and the markers,
// the scale and the coordinates written beside each map are still there.
let server = null;

/** Remembers the tile server of this deployment (`{ url, attribution }`), or none. */
export function useTileServer(tiles) {
  server = tiles?.url ? tiles : null;
}

const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Draws the configured tiles (and their credit) under `map`'s markers; does nothing without a tile server. */
export function addTiles(map) {
  const L = window.L;
  if (!server || !L) return;
  L.tileLayer(server.url, { maxZoom: 19 }).addTo(map);
  // Leaflet writes a credit as markup: the configured text is escaped, so it is shown as written.
  if (server.attribution) L.control.attribution({ prefix: false }).addAttribution(escape(server.attribution)).addTo(map);
}
