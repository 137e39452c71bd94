/**
 * `$ai_trace` (spec §12): a title, an optional trace error, then either the trace's own states
 * (when it has no hierarchy) or the tree of its events, each node summarised on one line and,
 * unless collapsed, expandable to the node's own event text.
 */
import { UnrenderableError } from "../../errors.js";
import type { Line } from "../../format/lines.js";
import { codePointLength, scanSurrogates } from "../../format/text.js";
import { formatInputLines, formatOutputLines } from "../../format/messages.js";
import { EQ, SEP } from "../../format/rules.js";
import { jsonDumps, pyStr, pyUpper } from "../../python/index.js";
import { firstTruthy, getOr, isDict, isList, isTruthy, type PyDict, type PyValue } from "../../value/py-value.js";
import { toEventInput } from "../create-state.js";
import type { State, TraceHandler } from "../state.js";
import { isMessageList, withStateFallback } from "./state-block.js";
import { NODE_KINDS, nodeKindName, nodeSummary, plainEventSummary } from "./trace-summary.js";

/** Child lists at this depth (the root list is depth 0) are replaced by a single note. */
const MAX_TREE_DEPTH = 10;

const BRANCH = { connector: "├─ ", childIndent: "│  " } as const;
const LAST = { connector: "└─ ", childIndent: "   " } as const;

/** A trace-level state (only shown for a trace without hierarchy). */
function traceState(value: PyValue, direction: "INPUT" | "OUTPUT", state: State): readonly string[] {
  const label = `TRACE ${direction}:`;
  return withStateFallback(label, value, () => {
    if (isMessageList(value)) {
      const lines = direction === "INPUT" ? formatInputLines(value, state) : formatOutputLines(undefined, value, state);
      return lines.length === 0 ? [] : ["", `${direction}:`, ...lines];
    }
    if (typeof value === "string") return ["", label, "", state.truncate(value)];
    if (isList(value) || isDict(value)) return ["", label, "", state.truncate(jsonDumps(value, 2))];
    return ["", label, "", pyStr(value)];
  });
}

function traceStates(trace: PyDict, properties: PyDict, state: State): string[] {
  const lines: string[] = [];
  const sources = [
    ["INPUT", "$ai_input_state", "inputState", "input_state"],
    ["OUTPUT", "$ai_output_state", "outputState", "output_state"],
  ] as const;
  for (const [direction, property, camel, snake] of sources) {
    const value = firstTruthy(properties, [property]) ?? firstTruthy(trace, [camel, snake]);
    if (value !== undefined) lines.push("", SEP, ...traceState(value, direction, state));
  }
  return lines;
}

/** `str(event.id)`, with `unknown` for a missing id. */
function nodeId(event: PyDict): string {
  const id = event.get("id");
  return id === undefined ? "unknown" : pyStr(id);
}

/**
 * Draws the node list `nodes` at `depth` below `indent` into `out`. The depth is checked first, as
 * the reference does, so children past the limit are not looked at, even when they are no list.
 */
function drawNodes(nodes: PyValue | readonly PyValue[], depth: number, indent: string, state: State, out: Line[]): void {
  if (depth > MAX_TREE_DEPTH) {
    out.push(`${indent}  [... max depth reached]`);
    return;
  }
  if (!Array.isArray(nodes)) throw new UnrenderableError("a hierarchy node's children must be a list");
  nodes.forEach((node, index) => {
    if (!isDict(node)) throw new UnrenderableError("every hierarchy node must be an object");
    const glyphs = index === nodes.length - 1 ? LAST : BRANCH;
    const event = getOr(node, "event", node);
    if (!isDict(event)) throw new UnrenderableError("a hierarchy node's event must be an object");
    drawNode(event, indent + glyphs.connector, indent + glyphs.childIndent, state, out);
    const children = node.get("children");
    if (children === undefined || !isTruthy(children)) return;
    drawNodes(children, depth + 1, indent + glyphs.childIndent, state, out);
  });
}

function drawNode(event: PyDict, lead: string, bodyIndent: string, state: State, out: Line[]): void {
  const name = event.get("event");
  const { collapsed, includeMarkers } = state.settings;
  const kindName = nodeKindName(name);
  if (kindName === undefined) {
    // Any other event is summarised by its name alone; the reference never reads its
    // properties, so they need not be an object here.
    const summary = plainEventSummary(name);
    out.push(includeMarkers && !collapsed ? `${lead}<<<EVENT_LINK|${nodeId(event)}|[EVENT]>>> ${summary}` : `${lead}[EVENT] ${summary}`);
    return;
  }
  const { properties } = toEventInput(event, "node.event");
  const kind = NODE_KINDS[kindName];
  const { text: summary, properties: after } = nodeSummary(kindName, properties);
  if (collapsed) {
    out.push(`${lead}${kind} ${summary}`);
    return;
  }
  // Building the summary may have extended a list name in place; the body shows it so.
  const body = after === properties ? event : new Map(event).set("properties", after);
  if (includeMarkers) {
    // The node's text is made again only if the budget keeps its line (see State.encodedLine).
    out.push(state.encodedLine(`${lead}<<<GEN_EXPANDABLE|${nodeId(event)}|${kind} ${summary}|`, () => state.renderEvent(body), ">>>"));
  } else {
    out.push(`${lead}[+] ${kind} ${summary}`);
    pushIndented(state.renderEvent(body), `${bodyIndent}    `, out);
  }
}

/**
 * Adds each line of `text` after `indent`, as a line that knows its length: one scan of the whole
 * text finds its surrogate pairs, and each line's code points are its units less the pairs in it
 * (a pair never spans a newline).
 */
function pushIndented(text: string, indent: string, out: Line[]): void {
  const indentLength = codePointLength(indent);
  const pairs = scanSurrogates(text, Number.POSITIVE_INFINITY).positions;
  let pair = 0;
  for (let start = 0; ; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    let length = indentLength + end - start;
    for (; pair < pairs.length && (pairs[pair] as number) < end; pair++) length--;
    out.push({ text: `${indent}${text.slice(start, end)}`, length });
    if (newline < 0) return;
    start = newline + 1;
  }
}

/**
 * Renders a trace: upper-cased name (first truthy of `$ai_span_name`, `traceName`, `trace_name`,
 * default `TRACE`) over a rule, the trace error, then the hierarchy tree, or the trace's own
 * states when the hierarchy is empty.
 */
export const trace: TraceHandler = (traceData, hierarchy, state) => {
  const rawProperties = traceData.get("properties");
  const properties = isDict(rawProperties) ? rawProperties : new Map<string, PyValue>();
  const title =
    firstTruthy(properties, ["$ai_span_name"]) ?? firstTruthy(traceData, ["traceName", "trace_name"]) ?? "TRACE";
  if (typeof title !== "string") throw new UnrenderableError("the trace name must be a string", "data.trace");
  const lines: Line[] = [pyUpper(title), EQ];
  const error = properties.get("$ai_error");
  if (error !== undefined && isTruthy(error)) {
    lines.push("", SEP, "", "TRACE ERROR:", "", typeof error === "string" ? error : jsonDumps(error, 2));
  }
  if (hierarchy.length === 0) {
    lines.push(...traceStates(traceData, properties, state));
  } else {
    lines.push("", SEP, "", "TRACE HIERARCHY:", "");
    drawNodes(hierarchy, 0, "", state, lines);
  }
  return lines;
};
