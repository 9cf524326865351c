// Follows a Server-Sent Events feed of the API with fetch() rather than EventSource: EventSource cannot send the
// Authorization header, and the token must not travel in the URL. Reconnects by itself and resumes with
// Last-Event-ID, so no event is missed while the connection was down. The API ends a feed when its token expires: each
// renewal of the session reconnects the feed at once with the fresh token, resuming from Last-Event-ID.
import { bearer, onRenewed, renew } from "./auth.js";
import { flash } from "./dom.js";
import { t } from "./i18n.js";

const BASE = "/api/v1";
const RETRY_MS = 2000;
// The API sends a keep-alive comment every 15 s on an idle feed; silence for longer means the connection is dead.
const SILENCE_MS = 45000;

/**
 * follow("/stream/tickets", { onEvent(name, data, id), onState(state, { resumed }) }) with state one of "connecting",
 * "live", "reconnecting", "denied"; `resumed` tells a live feed that picked up from Last-Event-ID (nothing to reload).
 * Answers { stop() }.
 */
export function follow(path, { onEvent, onState = () => {} }) {
  let lastEventId = null;
  let stopped = false;
  let controller = null;
  let renewed = false; // the connection was dropped for a fresh token: reconnect at once, quietly
  const stopListening = onRenewed(() => {
    renewed = true;
    controller?.abort();
  });

  const dispatch = (block) => {
    let name = "message", id = null;
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
    if (id !== null) lastEventId = id;
    if (data.length === 0) return;
    let parsed;
    try {
      parsed = JSON.parse(data.join("\n"));
    } catch {
      return;
    }
    onEvent(name, parsed, id);
  };

  const readOnce = async () => {
    controller = new AbortController();
    let watchdog = setTimeout(() => controller.abort(), SILENCE_MS);
    const headers = { Accept: "text/event-stream", ...bearer() };
    if (lastEventId !== null) headers["Last-Event-ID"] = lastEventId;
    try {
      const response = await fetch(BASE + path, { headers, cache: "no-store", signal: controller.signal });
      if (response.status === 401 && !renewed && (await renew())) return true; // renewed: try once more at once
      if (response.status === 401 || response.status === 403) {
        onState("denied", {});
        return false;
      }
      if (!response.ok || !response.body) return true;
      onState("live", { resumed: headers["Last-Event-ID"] !== undefined });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), SILENCE_MS);
        buffer += value.replace(/\r\n?/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      return true; // network error, server restart, watchdog: try again
    } finally {
      clearTimeout(watchdog);
    }
  };

  (async () => {
    onState("connecting", {});
    while (!stopped) {
      const again = await readOnce();
      if (stopped || !again) return;
      if (renewed) {
        renewed = false;
        continue;
      }
      onState("reconnecting", {});
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  })();

  return {
    stop() {
      stopped = true;
      stopListening();
      controller?.abort();
    },
  };
}

/**
 * A feed behind a list: `load()` reads the list whenever the feed goes live without resuming (first connection, or a
 * reconnect before any event came), so nothing falls between the list and the feed; `badge` shows the feed's state.
 */
export function followList(path, { badge, load, onEvent }) {
  return follow(path, {
    onState: (state, { resumed }) => {
      badge.dataset.state = state;
      badge.textContent = state === "connecting" ? "" : t(`feed.${state}`);
      if (state === "live" && !resumed) load().catch((error) => flash(error.message));
    },
    onEvent,
  });
}
