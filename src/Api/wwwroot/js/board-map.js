// The supervisors' map of open tickets: one pin per located ticket, coloured by priority and outlined when a deadline
// was missed; a pin's title is the ticket's number and place, Enter or a click opens the ticket's page. Leaflet from
// this origin; tiles only where a tile server is configured (map-tiles.js), else a plain background with a scale.
import { categoryLabel } from "./i18n.js";
import { addTiles } from "./map-tiles.js";

const CITY = [-3.8004, 102.2655];

export function createBoardMap(container) {
  let map = null, layer = null;

  return {
    /** Shows `tickets` (those with coordinates); `breached(ticket)` says whether to mark it as late. */
    update(tickets, breached) {
      const L = window.L;
      if (!L || container.hidden) return;
      if (!map) {
        map = L.map(container, { attributionControl: false }).setView(CITY, 12);
        L.control.scale({ imperial: false }).addTo(map);
        addTiles(map);
        layer = L.layerGroup().addTo(map);
      }
      layer.clearLayers();
      for (const ticket of tickets) {
        const { lat, lon, address } = ticket.location ?? {};
        if (lat == null || lon == null) continue;
        const late = breached(ticket);
        const icon = L.divIcon({ className: `ticket-pin ${ticket.priority.toLowerCase()}${late ? " breached" : ""}`, iconSize: [22, 22] });
        L.marker([lat, lon], { icon, keyboard: true, title: `${ticket.number} · ${categoryLabel(ticket.category)} · ${address ?? `${lat}, ${lon}`}` })
          .on("click", () => { location.hash = `#/tickets/${ticket.id}`; })
          .addTo(layer);
      }
      map.invalidateSize();
    },
    stop() {
      map?.remove();
      map = null;
    },
  };
}
