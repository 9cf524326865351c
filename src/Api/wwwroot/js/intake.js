// Call intake for call takers and supervisors: the caller's screening as the number is typed, recording the call,
// then classifying it (an emergency opens a ticket that the board picks up from the feed).
import { ApiError, get, idempotencyKey, opdList, post } from "./api.js";
import { $, clock, el, flash } from "./dom.js";
import { CATEGORIES, categoryLabel, t } from "./i18n.js";

const DEBOUNCE_MS = 350;
const MIN_DIGITS = 6;
const CLASSIFICATIONS = ["emergency", "non_emergency", "prank", "silent", "wrong_number", "abandoned"];
const CHANNELS = ["voice", "sms", "app"];

export function createIntake() {
  const form = $("#intake-form"), number = $("#caller-number"), screening = $("#screening");
  const classify = $("#classify-form"), result = $("#intake-result");
  let timer = null, asked = 0, call = null, recordKey = null, opds = [];

  const showScreening = (content, kind = "") => {
    screening.className = `screening ${kind}`;
    screening.replaceChildren(...[].concat(content));
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
      showScreening(summary(caller.total_calls, caller.prank_calls_30d, caller.silent_calls_30d, caller.flagged, caller.flag_reason),
        caller.flagged ? "flagged" : "known");
    } catch (error) {
      if (ask !== asked) return;
      if (error instanceof ApiError && error.status === 404) showScreening(t("screening.new"), "new");
      else showScreening(error.message, "error");
    }
  }

  const options = (select, values, label) =>
    select.replaceChildren(...values.map((value) => el("option", { value }, label(value))));

  function renderLabels() {
    const keep = (select, fill) => { const value = select.value; fill(); if (value) select.value = value; };
    keep($("#channel"), () => options($("#channel"), CHANNELS, (c) => t(`channel.${c}`)));
    keep($("#classification"), () => options($("#classification"), CLASSIFICATIONS, (c) => t(`classification.${c}`)));
    keep($("#category"), () => options($("#category"), Object.keys(CATEGORIES), categoryLabel));
    keep($("#ticket-opd"), () => $("#ticket-opd").replaceChildren(el("option", { value: "" }, t("classify.opd.default")),
      ...opds.map((o) => el("option", { value: o.code }, `${o.code} — ${o.name}`))));
  }

  const showTicketFields = () => { $("#ticket-fields").hidden = $("#classification").value !== "emergency"; };

  function reset() {
    call = null;
    recordKey = null;
    form.reset();
    classify.reset();
    form.hidden = false;
    classify.hidden = true;
    showScreening([]);
    showTicketFields();
  }

  async function record(event) {
    event.preventDefault();
    recordKey ??= idempotencyKey(); // the same key if the click is retried after a failure
    try {
      call = await post("/calls", {
        caller_number: number.value.trim(),
        channel: $("#channel").value,
        notes: $("#call-notes").value.trim() || undefined,
      }, { idempotencyKey: recordKey });
    } catch (error) {
      flash(error.message);
      return;
    }
    flash("");
    const s = call.screening;
    showScreening(summary(s.prior_calls, s.prank_calls_30d, s.silent_calls_30d, s.flagged, s.flag_reason), s.flagged ? "flagged" : "known");
    result.replaceChildren(el("p", {}, t("intake.recorded", { time: clock(call.received_at) })));
    form.hidden = true;
    classify.hidden = false;
    showTicketFields();
  }

  async function submitClassification(event) {
    event.preventDefault();
    const classification = $("#classification").value;
    const body = { classification };
    if (classification === "emergency") {
      body.ticket = {
        category: $("#category").value,
        description: $("#description").value.trim(),
        location: { address: $("#address").value.trim() },
        opd: $("#ticket-opd").value || undefined,
      };
    }
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
