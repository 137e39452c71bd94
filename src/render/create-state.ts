/**
 * Builds the {@link State} of one render call: the services handlers share, bound to the settings.
 */
import { UnrenderableError } from "../errors.js";
import { base64Length, base64Utf8, base64Utf8Length, base64Utf8StandIn, standIn } from "../format/base64.js";
import { encodedLine, type MeasuredPayload } from "../format/lines.js";
import { middleBase64, middleUtf8Length, truncateMiddle, TruncationMemo, type Cut } from "../format/truncate-middle.js";
import { isDict, type PyDict } from "../value/py-value.js";
import { PayloadLedger } from "./payload-ledger.js";
import type { Settings } from "./settings.js";
import type { EventHandler, EventInput, Handlers, State } from "./state.js";

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

/** What {@link createState} may assume of the handlers. */
export interface StateOptions {
  /**
   * Whether every handler in the table is a built-in one. Their texts hold each marker once, as
   * made, so payloads are measured with short tokens (see {@link PayloadLedger}); otherwise, and
   * whenever the ledger finds its tokens disturbed, with stand-ins as long as the base64.
   */
  readonly builtInHandlers: boolean;
}

/** How `encode` answers: for output, for a ledger measuring a payload, or with stand-ins. */
type EncodeMode = "write" | "stand-in" | PayloadLedger;

/**
 * Makes the State for one call.
 *
 * While a deferred line's payload is only being measured, `encode` (and the markers `truncate`
 * makes) give a token or a stand-in instead of base64: the line's length comes out the same, and
 * the nodes the budget drops never pay for encoding.
 */
export function createState(settings: Settings, handlers: Handlers, options: StateOptions = { builtInHandlers: false }): State {
  let mode: EncodeMode = "write";
  const encode = (text: string): string => {
    if (mode === "write") return base64Utf8(text);
    if (mode === "stand-in") return base64Utf8StandIn(text);
    return mode.token(text);
  };
  // A truncated middle: its cut knows whether it is well formed and keeps its byte count and
  // base64, and the memo keeps the cut for the text's next occurrence in this render.
  const encodeCut = (cut: Cut): string => {
    if (mode === "write") return middleBase64(cut);
    const length = base64Length(middleUtf8Length(cut));
    return mode === "stand-in" ? standIn(length) : mode.tokenFor(length);
  };
  const cuts = new TruncationMemo(settings.truncateBuffer);
  const cut = (text: string): Cut | undefined => cuts.cut(text);
  const nonce = Math.random().toString(36).slice(2);
  const measureWith = <T>(measuring: EncodeMode, run: () => T): T => {
    const outer = mode;
    mode = measuring;
    try {
      return run();
    } finally {
      mode = outer;
    }
  };
  const measure = (payload: string | (() => string)): MeasuredPayload => {
    if (typeof payload === "string") return { length: base64Utf8Length(payload), payload };
    if (options.builtInHandlers) {
      const ledger = new PayloadLedger(nonce);
      const text = measureWith(ledger, payload);
      const bytes = ledger.settle(text);
      // without a marker in it, the measured text is the one to write: keep it
      if (bytes !== undefined) return { length: base64Length(bytes), payload: ledger.empty ? text : payload };
    }
    return { length: base64Utf8Length(measureWith("stand-in", payload)), payload };
  };
  const state: State = {
    settings,
    handlers,
    truncate: (text) =>
      settings.truncated ? truncateMiddle(text, settings.truncateBuffer, settings.includeMarkers, encodeCut, cut) : text,
    encode,
    // Without a budget every line is written: deferring would only render each payload twice.
    encodedLine: (before, payload, after) =>
      settings.maxLength === 0
        ? `${before}${encode(typeof payload === "string" ? payload : payload())}${after}`
        : encodedLine(before, payload, after, measure),
    renderEvent: (event) => {
      const input = toEventInput(event);
      return eventHandlerFor(handlers, input.name)(input, state).join("\n");
    },
  };
  return state;
}
