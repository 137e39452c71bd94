/**
 * `$ai_generation` (spec §5), also the renderer of every event name without its own handler:
 * tools, input, output and error sections separated by rules.
 */
import { formatErrorLines } from "../../format/error-section.js";
import { inputSection, outputSection } from "../../format/messages.js";
import { SEP } from "../../format/rules.js";
import { formatToolLines } from "../../format/tools.js";
import type { EventHandler } from "../state.js";

/**
 * Renders a generation: each of tools, `INPUT:`, `OUTPUT:` and the error section only when it has
 * something to show, a blank line between sections. Empty properties render as `""`.
 * @example generation(toEventInput(event), state) // ["--------…", "", "INPUT:", "", "Hi"]
 */
export const generation: EventHandler = (event, state) => {
  const properties = event.properties;
  const lines: string[] = [];
  const tools = formatToolLines(properties.get("$ai_tools"), state);
  if (tools.length > 0) lines.push(SEP, ...tools);
  const input = inputSection(properties.get("$ai_input"), state);
  if (input !== undefined) {
    if (lines.length > 0) lines.push("");
    lines.push(SEP, "", "INPUT:");
    for (const line of input) lines.push(line);
  }
  const output = outputSection(properties.get("$ai_output"), properties.get("$ai_output_choices"), state);
  if (output !== undefined) {
    if (lines.length > 0) lines.push("");
    lines.push(SEP, "", "OUTPUT:");
    for (const line of output) lines.push(line);
  }
  const error = formatErrorLines(properties);
  if (error.length > 0) {
    if (lines.length > 0) lines.push("");
    for (const line of error) lines.push(line);
  }
  return lines;
};
