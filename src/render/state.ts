/**
 * What every handler receives: the resolved settings, the handler table, and the shared services a
 * handler must use instead of re-implementing them, so a user's handler truncates and marks text
 * exactly as the built-in ones do.
 */
import type { Line } from "../format/lines.js";
import type { PyDict, PyValue } from "../value/py-value.js";
import type { Settings } from "./settings.js";

/** One event as handlers see it: `{id, event, properties}` with `properties` always a dict. */
export interface EventInput {
  /** The whole event object as sent. */
  readonly raw: PyDict;
  /** `event.id`, `undefined` when the key is absent. */
  readonly id: PyValue | undefined;
  /** `event.event` (the event name), `undefined` when the key is absent. */
  readonly name: PyValue | undefined;
  /** `event.properties`; an absent one reads as an empty dict. */
  readonly properties: PyDict;
}

/**
 * Renders one event to lines (joined with `\n` by the caller; an element may itself hold newlines).
 * @example const quiet: EventHandler = (event, state) => [state.truncate(String(event.name))];
 */
export type EventHandler = (event: EventInput, state: State) => readonly string[];

/**
 * Renders a whole trace (`data.trace`, `data.hierarchy`) to lines, where a line may be one whose
 * marker payload is encoded later ({@link State.encodedLine}).
 */
export type TraceHandler = (trace: PyDict, hierarchy: readonly PyValue[], state: State) => readonly Line[];

/**
 * The handler table: one renderer per event name, plus `$ai_trace`. An event whose name has no own
 * entry is rendered by `$ai_generation`, as the reference does.
 */
export interface Handlers {
  readonly $ai_generation: EventHandler;
  readonly $ai_span: EventHandler;
  readonly $ai_embedding: EventHandler;
  readonly $ai_evaluation: EventHandler;
  readonly $ai_trace: TraceHandler;
  readonly [eventName: string]: EventHandler | TraceHandler;
}

/** The shared services of one render call. Made once per call; handlers must not keep it. */
export interface State {
  /** The resolved options. */
  readonly settings: Settings;
  /** The handler table in use (defaults merged with the user's). */
  readonly handlers: Handlers;
  /**
   * Middle-truncates `text` per the settings (§4.2): unchanged when `truncated` is off or the text
   * fits, else head + marker or plain indicator + tail, as one string holding newlines.
   */
  truncate(text: string): string;
  /**
   * UTF-8 base64 of a marker payload (§4.3); while an {@link State.encodedLine} payload is being
   * measured, a token the measurement accounts for, or an ASCII stand-in of the same length.
   * Put the result into the text once, as it is. @throws {InvalidDataError} on a lone surrogate.
   */
  encode(text: string): string;
  /**
   * The output line `before + encode(payload) + after`, encoded only if the `max_length` budget
   * keeps it: for the large payloads of a trace's expandable nodes. A payload function (pure: same
   * text every call) is called to measure and again to write, so unkept texts are not held; while
   * it measures, `encode` and `truncate` put tokens (with the built-in handlers) or same-length
   * stand-ins (with a user's) where base64 would stand.
   * Valid in a trace handler's result, not inside an event's text.
   * @throws {InvalidDataError} on a lone surrogate.
   */
  encodedLine(before: string, payload: string | (() => string), after: string): Line;
  /**
   * Renders an event by the event dispatch of §3 (its `event` name picks the handler) without line
   * numbers or the `max_length` budget: the text a trace embeds for an expandable node.
   */
  renderEvent(event: PyDict): string;
}
