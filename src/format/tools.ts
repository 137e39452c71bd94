/**
 * Tool definitions (`$ai_tools`, spec §7): one signature and a one-sentence description per tool,
 * collapsed into a single expandable line above the threshold. Never truncated.
 */
import type { State } from "../render/state.js";
import { jsonDumps, pyStr } from "../python/index.js";
import { firstTruthy, getOr, isDict, isList, type PyDict, type PyValue } from "../value/py-value.js";
import { prefixCodePoints } from "./text.js";

/** The JSON dump of a tool in no known format is its description, cut to this many code points. */
const UNKNOWN_TOOL_DESCRIPTION_CAP = 100;

/** A list's items or an object's values, each flattened: Gemini bundles contribute their declarations. */
function flattenTools(tools: PyValue | undefined): PyDict[] {
  const entries = isList(tools) ? tools : isDict(tools) ? [...tools.values()] : [];
  const flat: PyDict[] = [];
  for (const entry of entries) {
    if (!isDict(entry)) continue;
    const declarations = entry.get("functionDeclarations");
    if (isList(declarations)) {
      for (const declaration of declarations) if (isDict(declaration)) flat.push(declaration);
    } else {
      flat.push(entry);
    }
  }
  return flat;
}

/** `name(p: type, q?: type)` over `schema.properties`, in source order. */
function signature(name: string, schema: PyValue | undefined): string {
  const properties = isDict(schema) ? schema.get("properties") : undefined;
  if (!isDict(properties) || !isDict(schema)) return `${name}()`;
  const required = schema.get("required");
  // only the list's strings can equal a parameter name; anything but a list names none
  const requiredNames = new Set(isList(required) ? required : []);
  let params = "";
  for (const [param, spec] of properties) {
    if (!isDict(spec)) continue;
    const type = pyStr(getOr(spec, "type", "any"));
    params += `${params === "" ? "" : ", "}${param}${requiredNames.has(param) ? "" : "?"}: ${type}`;
  }
  return `${name}(${params})`;
}

/**
 * The description line: first line (split on `\n` only), cut before the first `". "`, ending in
 * `.`; `undefined` for a non-string, empty or `N/A` description.
 */
function descriptionLine(description: PyValue | undefined): string | undefined {
  if (typeof description !== "string" || description === "" || description === "N/A") return undefined;
  const newline = description.indexOf("\n");
  const firstLine = newline < 0 ? description : description.slice(0, newline);
  const stop = firstLine.indexOf(". ");
  const sentence = stop < 0 ? firstLine : firstLine.slice(0, stop);
  return sentence.endsWith(".") ? sentence : `${sentence}.`;
}

/** Adds the lines of one tool to `out`: `""`, `  <signature>`, and `    <description>` when there is one. */
function pushToolLines(tool: PyDict, out: string[]): void {
  let name: string;
  let description: PyValue | undefined;
  let schema: PyValue | undefined;
  const fn = tool.get("function");
  if (isDict(fn)) {
    name = pyStr(getOr(fn, "name", "unknown"));
    description = fn.get("description");
    schema = fn.get("parameters");
  } else if (tool.has("name")) {
    name = pyStr(tool.get("name") ?? null);
    description = tool.get("description");
    schema = firstTruthy(tool, ["input_schema", "inputSchema", "parameters"]);
  } else {
    // Unknown formats (provider built-ins such as web search) show their whole definition instead.
    name = pyStr(getOr(tool, "type", "UNKNOWN"));
    description = prefixCodePoints(jsonDumps(tool), UNKNOWN_TOOL_DESCRIPTION_CAP);
  }
  out.push("", `  ${signature(name, schema)}`);
  const line = descriptionLine(description);
  if (line !== undefined) out.push(`    ${line}`);
}

/**
 * The tool-definition lines of §7, starting with `""`; `[]` when there are no tools (a value that
 * is neither a list nor an object, or no object entries). Over `tools_collapse_threshold` tools
 * the list becomes one `<<<TOOLS_EXPANDABLE|…>>>` marker (or `[+] AVAILABLE TOOLS: N`).
 * @example formatToolLines([new Map([["name", "ping"]])], state) // ["", "AVAILABLE TOOLS: 1", "", "  ping()"]
 * @throws {InvalidDataError} when a collapsed list must be encoded and holds a lone surrogate.
 */
export function formatToolLines(tools: PyValue | undefined, state: State): string[] {
  const flat = flattenTools(tools);
  if (flat.length === 0) return [];
  const title = `AVAILABLE TOOLS: ${flat.length}`;
  const collapsed = flat.length > state.settings.toolsCollapseThreshold;
  // Collapsed for an LLM, the list is only counted (pushToolLines cannot fail, so skipping it is safe).
  if (collapsed && !state.settings.includeMarkers) return ["", `[+] ${title}`];
  const lines = [title];
  for (const tool of flat) pushToolLines(tool, lines);
  if (!collapsed) return ["", ...lines];
  return ["", `<<<TOOLS_EXPANDABLE|${title}|${state.encode(lines.join("\n"))}>>>`];
}
