// The ticket commands of API.md: which status each starts from (the state machine), which roles may send it, and what
// it asks for first. The board and the ticket page offer exactly these; the server still decides, and a refusal is
// shown as its problem.
import { post } from "./api.js";
import { askText } from "./dom.js";
import { t } from "./i18n.js";

export const ON_BOARD = ["open", "escalated", "acknowledged", "on_scene", "resolved"];
const DESK = ["calltaker", "supervisor"];
const FIELD = ["opd", "supervisor"];

export const ACTIONS = [
  { name: "escalate", roles: DESK, from: ["open"] },
  { name: "close", roles: DESK, from: ["resolved"] },
  { name: "reopen", roles: DESK, from: ["resolved"], ask: "reason", prompt: "prompt.reopen" },
  { name: "cancel", roles: DESK, from: ON_BOARD, ask: "reason", prompt: "prompt.cancel" },
  { name: "acknowledge", roles: FIELD, from: ["escalated"] },
  { name: "on_scene", path: "on-scene", roles: FIELD, from: ["acknowledged"] },
  { name: "resolve", roles: FIELD, from: ["on_scene"], ask: "note", prompt: "prompt.resolve" },
  { name: "reject", roles: ["opd"], from: ["escalated", "acknowledged"], ask: "reason", prompt: "prompt.reject" },
];

/** The actions this person may take on this ticket now. */
export const actionsFor = (user, ticket) => ACTIONS.filter((a) => a.roles.includes(user.role) && a.from.includes(ticket.status));

/** Asks what the action needs, then sends it: the updated ticket, null when the person dismissed the question. */
export async function runAction(ticket, action) {
  const body = {};
  if (action.ask) {
    const text = await askText(t(action.prompt));
    if (text === null) return null;
    body[action.ask] = text;
  }
  return post(`/tickets/${ticket.id}/${action.path ?? action.name}`, body);
}
