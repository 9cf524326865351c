// Call intake for call takers and supervisors: the caller's screening as the number is typed (or the call marked as
// without a number), recording the call with its kecamatan, then classifying it with one click, or for an emergency
// opening a ticket (location typed or picked on the map, blood fields for a blood need) or linking the call to the
// open ticket the server suggests (same category, recent, nearest first). The board picks new tickets up from the feed.
import { api, ApiError, get, idempotencyKey, opdList, post } from "./api.js";
import { $, askText, clock, el, flash } from "./dom.js";
import { CATEGORIES, categoryLabel, t } from "./i18n.js";
import { addTiles } from "./map-tiles.js";

const DEBOUNCE_MS = 350;
const MIN_DIGITS = 6;
const CLASSIFICATIONS = ["emergency", "non_emergency", "prank", "silent", "wrong_number", "abandoned"];
const CHANNELS = ["voice", "sms", "app"];
const CALLER_IDS = ["present", "withheld", "unavailable"];
const KECAMATAN = ["Gading Cempaka", "Kampung Melayu", "Muara Bangka Hulu", "Ratu Agung", "Ratu Samban", "Selebar",
  "Singaran Pati", "Sungai Serut", "Teluk Segara"];
const BLOOD_GROUPS = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];
/** Where the picking map starts: the middle of Kota Bengkulu. */
const CITY = [-3.8004, 102.2655];

export function createIntake(user) {
  const form = $("#intake-form"), number = $("#caller-number"), screening = $("#screening");
  const classify = $("#classify-form"), result = $("#intake-result");
  let timer = null, asked = 0, call = null, recordKey = null, opds = [], picker = null, pin = null, suggestAsked = 0;
  let lastSuggestions = [];

  const showScreening = (content, kind = "") => {
    screening.className = `screening ${kind}`;
    screening.replaceChildren(...[].concat(content).filter((node) => node !== null && node !== undefined && node !== false));
  };

  const summary = (calls, pranks, silent, flagged, reason) => [
    el("span", { class: "screening-counts" }, t("screening.summary", { calls, pranks, silent })),
    flagged ? el("span", { class: "flag" }, `${t("screening.flagged")}${reason ? `: ${reason}` : ""}`) : null,
  ];

  // Only the answer to the latest keystroke is shown; an older, slower answer is dropped.
  async function screen() {
    const typed = number.value.trim();
    const ask = ++asked;
    if (typed.replace(/\D/g, "").length < MIN_DIGITS) return showScreening([]);
    showScreening(t("screening.checking"), "pending");
    try {
      const caller = await get(`/callers/${encodeURIComponent(typed)}`);
      if (ask !== asked) return;
      showScreening([...summary(caller.total_calls, caller.prank_calls_30d, caller.silent_calls_30d, caller.flagged, caller.flag_reason),
        flagButton(typed, caller.flagged)], caller.flagged ? "flagged" : "known");
    } catch (error) {
      if (ask !== asked) return;
      if (error instanceof ApiError && error.status === 404) showScreening([t("screening.new"), flagButton(typed, false)], "new");
      else showScreening(error.message, "error");
    }
  }

  // Supervisors flag a number (with a reason, shown to every call taker's screening) or lift the flag.
  const flagButton = (typed, flagged) => user.role === "supervisor" && el("button", { type: "button", class: "flag-toggle",
    dataset: { action: flagged ? "unflag" : "flag" }, onclick: () => toggleFlag(typed, flagged) }, t(flagged ? "flag.remove" : "flag.add"));

  async function toggleFlag(typed, flagged) {
    const path = `/callers/${encodeURIComponent(typed)}/flag`;
    try {
      if (flagged) await api("DELETE", path);
      else {
        const reason = await askText(t("flag.reason"));
        if (reason === null) return;
        await api("PUT", path, { body: { reason } });
      }
      flash("");
    } catch (error) {
      flash(error.message);
    }
    await screen();
  }

  const options = (select, values, label) =>
    select.replaceChildren(...values.map((value) => el("option", { value }, label(value))));

  function renderLabels() {
    const keep = (select, fill) => { const value = select.value; fill(); if (value) select.value = value; };
    keep($("#channel"), () => options($("#channel"), CHANNELS, (c) => t(`channel.${c}`)));
    keep($("#classification"), () => options($("#classification"), CLASSIFICATIONS, (c) => t(`classification.${c}`)));
    keep($("#category"), () => options($("#category"), Object.keys(CATEGORIES), categoryLabel));
    keep($("#caller-id"), () => options($("#caller-id"), CALLER_IDS, (c) => t(`caller_id.${c}`)));
    const kecamatan = (select) => select.replaceChildren(el("option", { value: "" }, t("intake.kecamatan.none")),
      ...KECAMATAN.map((k) => el("option", { value: k }, k)));
    keep($("#call-kecamatan"), () => kecamatan($("#call-kecamatan")));
    keep($("#kecamatan"), () => kecamatan($("#kecamatan")));
    keep($("#blood-group"), () => options($("#blood-group"), BLOOD_GROUPS, (g) => g));
    $("#quick-classify").replaceChildren($("#quick-classify-label"), ...CLASSIFICATIONS.filter((c) => c !== "emergency").map((c) =>
      el("button", { type: "button", dataset: { classify: c }, onclick: () => classifyAs(c) }, t(`classification.${c}`))));
    renderSuggestions(lastSuggestions);
    keep($("#ticket-opd"), () => $("#ticket-opd").replaceChildren(el("option", { value: "" }, t("classify.opd.default")),
      ...opds.map((o) => el("option", { value: o.code }, `${o.code} — ${o.name}`))));
    // The screening shown follows the language too: said again for the number typed.
    if (withoutNumber()) showScreening(t("screening.without_number"), "new");
    else if (number.value.trim()) screen();
  }

  const showTicketFields = () => {
    $("#ticket-fields").hidden = $("#classification").value !== "emergency";
    $("#blood-fields").hidden = $("#category").value !== "blood";
    if (!$("#ticket-fields").hidden) {
      showPicker();
      suggest();
    }
  };

  const withoutNumber = () => $("#caller-id").value !== "present";
  const showCallerId = () => {
    number.disabled = withoutNumber();
    number.required = !withoutNumber();
    if (withoutNumber()) {
      number.value = "";
      showScreening(t("screening.without_number"), "new");
    } else showScreening([]);
  };

  const coordinates = () => {
    const lat = Number.parseFloat($("#lat").value), lon = Number.parseFloat($("#lon").value);
    return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
  };

  // The map picker: a click (or the typed coordinates) places the pin; no tile server is contacted.
  function showPicker() {
    if (!window.L) return;
    const L = window.L;
    if (!picker) {
      picker = L.map($("#pick-map"), { attributionControl: false }).setView(CITY, 13);
      L.control.scale({ imperial: false }).addTo(picker);
      addTiles(picker);
      picker.on("click", (event) => {
        $("#lat").value = event.latlng.lat.toFixed(6);
        $("#lon").value = event.latlng.lng.toFixed(6);
        placePin();
        suggest();
      });
    }
    picker.invalidateSize();
    placePin();
  }

  function placePin() {
    if (!picker) return;
    const at = coordinates();
    pin?.remove();
    pin = at ? window.L.marker([at.lat, at.lon]).addTo(picker) : null;
    if (at) picker.panTo([at.lat, at.lon]);
  }

  // The open tickets this call may be about; only the answer to the latest question is shown.
  async function suggest() {
    const ask = ++suggestAsked;
    const at = coordinates();
    const query = `category=${encodeURIComponent($("#category").value)}` + (at ? `&lat=${at.lat}&lon=${at.lon}` : "");
    try {
      const answer = await get(`/tickets/suggestions?${query}`);
      if (ask === suggestAsked) renderSuggestions(answer.items);
    } catch (error) {
      if (ask === suggestAsked) renderSuggestions([], error.message);
    }
  }

  function renderSuggestions(items, problem = "") {
    lastSuggestions = items;
    const box = $("#suggestions");
    if (problem) return box.replaceChildren(el("p", { class: "error" }, problem));
    if (!items.length) return box.replaceChildren();
    box.replaceChildren(el("p", { class: "hint" }, t("suggest.title")), el("ul", {}, ...items.map((ticket) =>
      el("li", { dataset: { suggestion: ticket.number } },
        el("a", { href: `#/tickets/${ticket.id}`, target: "_blank", rel: "noopener" }, ticket.number),
        el("span", {}, ticket.description),
        ticket.distance_m != null && el("span", { class: "hint" }, t("suggest.distance", { m: Math.round(ticket.distance_m) })),
        el("button", { type: "button", dataset: { link: ticket.id }, onclick: () => classifyAs("emergency", { link_ticket_id: ticket.id }) },
          t("suggest.link"))))));
  }

  function reset() {
    call = null;
    recordKey = null;
    form.reset();
    classify.reset();
    form.hidden = false;
    classify.hidden = true;
    showCallerId();
    renderSuggestions([]);
    showTicketFields();
  }

  async function record(event) {
    event.preventDefault();
    recordKey ??= idempotencyKey(); // the same key if the click is retried after a failure
    try {
      call = await post("/calls", {
        caller_number: withoutNumber() ? null : number.value.trim(),
        caller_id: $("#caller-id").value,
        channel: $("#channel").value,
        location: $("#call-kecamatan").value ? { kecamatan: $("#call-kecamatan").value } : undefined,
        notes: $("#call-notes").value.trim() || undefined,
      }, { idempotencyKey: recordKey });
    } catch (error) {
      flash(error.message);
      return;
    }
    flash("");
    const s = call.screening;
    if (call.caller_number === null) showScreening(t(`caller_id.${call.caller_id}`), "new");
    else showScreening(summary(s.prior_calls, s.prank_calls_30d, s.silent_calls_30d, s.flagged, s.flag_reason), s.flagged ? "flagged" : "known");
    result.replaceChildren(el("p", {}, t("intake.recorded", { time: clock(call.received_at) })));
    form.hidden = true;
    classify.hidden = false;
    $("#kecamatan").value = call.location?.kecamatan ?? "";
    showTicketFields();
  }

  const ticketBody = () => {
    const at = coordinates();
    return {
      category: $("#category").value,
      description: $("#description").value.trim(),
      location: { address: $("#address").value.trim(), kecamatan: $("#kecamatan").value || undefined, lat: at?.lat, lon: at?.lon },
      opd: $("#ticket-opd").value || undefined,
      blood: $("#category").value === "blood" ? {
        group: $("#blood-group").value,
        units: Number.parseInt($("#blood-units").value, 10) || 0,
        hospital: $("#blood-hospital").value.trim(),
      } : undefined,
    };
  };

  function submitClassification(event) {
    event.preventDefault();
    const classification = $("#classification").value;
    return classifyAs(classification, classification === "emergency" ? { ticket: ticketBody() } : {});
  }

  async function classifyAs(classification, extra = {}) {
    const body = { classification, ...extra };
    let classified;
    try {
      classified = await post(`/calls/${call.id}/classify`, body);
    } catch (error) {
      flash(error.message);
      return;
    }
    flash("");
    const done = [el("p", {}, t("classify.done", { classification: t(`classification.${classification}`) }))];
    if (classified.ticket_id) {
      const ticket = await get(`/tickets/${classified.ticket_id}`).catch(() => null);
      done.push(el("p", { class: "ticket-opened" }, `${t("classify.ticket")} `,
        el("strong", { dataset: { ticketNumber: ticket?.number ?? "", ticketId: classified.ticket_id } }, ticket?.number ?? classified.ticket_id)));
    }
    result.replaceChildren(...done);
    reset();
  }

  number.addEventListener("input", () => {
    clearTimeout(timer);
    recordKey = null; // another number is another call
    timer = setTimeout(screen, DEBOUNCE_MS);
  });
  $("#classification").addEventListener("change", showTicketFields);
  $("#category").addEventListener("change", showTicketFields);
  $("#caller-id").addEventListener("change", showCallerId);
  for (const input of [$("#lat"), $("#lon")]) input.addEventListener("change", () => { placePin(); suggest(); });
  form.addEventListener("submit", record);
  classify.addEventListener("submit", submitClassification);

  return {
    async start() {
      opds = await opdList();
      renderLabels();
      reset();
      result.replaceChildren();
    },
    stop() {
      clearTimeout(timer);
      reset();
      result.replaceChildren();
    },
    render: renderLabels,
  };
}
