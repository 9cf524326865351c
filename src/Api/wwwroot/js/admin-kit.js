// Building blocks of the admin screens: labelled fields whose words follow the language (data-i18n), a line for the
// server's answer (its problem on a refusal), tables with a caption, checkbox groups, ISO 8601 durations.
import { el } from "./dom.js";
import { locale, t } from "./i18n.js";

/** An element whose text is the label of `key`, kept in the page's language by translate(). */
export const words = (tag, key, attributes = {}) =>
  el(tag, { ...attributes, dataset: { ...attributes.dataset, i18n: key } }, t(key));

/** A label for `input` (given its id) followed by it, and an optional hint the input is described by. */
export function field(key, input, hintKey) {
  const hint = hintKey ? words("p", hintKey, { class: "hint", id: `${input.id}-hint` }) : null;
  if (hint) input.setAttribute("aria-describedby", hint.id);
  return [words("label", key, { for: input.id }), input, hint];
}

/**
 * Where a screen says how its last request went: the server's problem (as an alert, in the server's words) or a short
 * confirmation (the label `key` with `vars`, or a function answering them, re-worded when the language changes).
 */
export function createOutcome() {
  const node = el("p", { class: "outcome", role: "status", hidden: true });
  let confirmation = null;
  const render = () => {
    if (confirmation) node.textContent = t(confirmation.key, typeof confirmation.vars === "function" ? confirmation.vars() : confirmation.vars);
  };
  return {
    node,
    refused(error) {
      confirmation = null;
      node.className = "outcome error";
      node.setAttribute("role", "alert");
      node.textContent = error.message;
      node.hidden = false;
    },
    done(key, vars = {}) {
      confirmation = { key, vars };
      node.className = "outcome done";
      node.setAttribute("role", "status");
      node.hidden = false;
      render();
    },
    clear() {
      confirmation = null;
      node.textContent = "";
      node.hidden = true;
    },
    render,
  };
}

/** A table whose caption and head follow the language; answers { node, body }. */
export function table(captionKey, headKeys, className = "") {
  const body = el("tbody");
  const node = el("div", { class: "table-wrap" }, el("table", { class: `tickets admin-table ${className}` },
    words("caption", captionKey, { class: "visually-hidden" }),
    el("thead", {}, el("tr", {}, ...headKeys.map((key) => words("th", key, { scope: "col" })))),
    body));
  return { node, body };
}

/** A cell that shows `label` before its value when rows become cards on a narrow screen. */
export const cell = (label, ...content) => el("td", { "data-label": label }, ...content);

/** A group of checkboxes named by `legendKey`; `options` are [value, label] pairs. */
export function checks(id, legendKey, options, checked = []) {
  return el("fieldset", { class: "checks", id },
    words("legend", legendKey),
    ...options.map(([value, label]) => el("label", { class: "check" },
      el("input", { type: "checkbox", value, checked: checked.includes(value) }), " ", label)));
}

/** The values of the ticked boxes of a group made by checks(). */
export const ticked = (group) => [...group.querySelectorAll("input:checked")].map((box) => box.value);

export const when = (iso) => (iso ? new Date(iso).toLocaleString(locale()) : "—");

/** A duration in seconds in words of the page's language: 9000 → "2 j 30 mnt" / "2 h 30 min". */
export function span(total) {
  const d = Math.floor(total / 86400), h = Math.floor((total % 86400) / 3600), m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 1000) / 1000;
  const parts = [[d, "admin.unit.d"], [h, "admin.unit.h"], [m, "admin.unit.m"], [s, "admin.unit.s"]]
    .filter(([n]) => n > 0).map(([n, key]) => t(key, { n }));
  return parts.length ? parts.join(" ") : t("admin.unit.s", { n: 0 });
}

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in an ISO 8601 duration as the API writes it (`PT2M`, `P1DT2H`); NaN for anything else. */
export function seconds(iso) {
  const match = ISO.exec(iso ?? "");
  if (!match) return Number.NaN;
  const [d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0));
  return ((d * 24 + h) * 60 + m) * 60 + s;
}

/** An ISO 8601 duration of whole seconds: 90 → `PT1M30S`. */
export function isoDuration(total) {
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}
