/**
 * Builds the {@link State} of one render call: the services handlers share, bound to the settings.
 */
import { UnrenderableError } from "../errors.js";
import { base64Utf8, base64Utf8StandIn } from "../format/base64.js";
import { encodedLine } from "../format/lines.js";
import { truncateMiddle } from "../format/truncate-middle.js";
import { isDict, type PyDict } from "../value/py-value.js";
import type { EventHandler, EventInput, Handlers, State } from "./state.js";
import type { Settings } from "./settings.js";

/** Reads `{id, event, properties}` off an event dict; a non-dict `properties` cannot be rendered. */
export function toEventInput(raw: PyDict, path = "data"): EventInput {
  const properties = raw.get("properties");
  if (properties !== undefined && !isDict(properties)) {
    throw new UnrenderableError(`${path}.properties must be an object`, `${path}.properties`);
  }
  return { raw, id: raw.get("id"), name: raw.get("event"), properties: properties ?? new Map() };
}

/**
 * Picks the handler for an event name: an own entry of the table that is not the trace handler,
 * else the generation handler (the reference renders every unknown event as a generation).
 */
export function eventHandlerFor(handlers: Handlers, name: unknown): EventHandler {
  if (typeof name === "string" && name !== "$ai_trace" && Object.hasOwn(handlers, name)) {
    return handlers[name] as EventHandler;
  }
  return handlers.$ai_generation;
}

/**
 * Makes the State for one call.
 *
 * While a deferred line's payload is only being measured, `encode` (and the markers `truncate`
 * makes) give a stand-in of the payload's exact length instead of its base64: the line's length
 * comes out the same, and the nodes the budget drops never pay for encoding.
 */
export function createState(settings: Settings, handlers: Handlers): State {
  let measuring = false;
  const encode = (text: string): string => (measuring ? base64Utf8StandIn(text) : base64Utf8(text));
  const measure = (payload: string | (() => string)): string => {
    if (typeof payload === "string") return payload;
    const outer = measuring;
    measuring = true;
    try {
      return payload();
    } finally {
      measuring = outer;
    }
  };
  const state: State = {
    settings,
    handlers,
    truncate: (text) =>
      settings.truncated ? truncateMiddle(text, settings.truncateBuffer, settings.includeMarkers, encode) : text,
    encode,
    encodedLine: (before, payload, after) => encodedLine(before, payload, after, measure),
    renderEvent: (event) => {
      const input = toEventInput(event);
      return eventHandlerFor(handlers, input.name)(input, state).join("\n");
    },
  };
  return state;
}
