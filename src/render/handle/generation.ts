/**
 * `$ai_generation` (spec §5), also the renderer of every event name without its own handler:
 * tools, input, output and error sections separated by rules.
 */
import { formatErrorLines } from "../../format/error-section.js";
import { inputSection, outputSection } from "../../format/messages.js";
import { joinSections, SEP } from "../../format/rules.js";
import { formatToolLines } from "../../format/tools.js";
import type { EventHandler } from "../state.js";

/**
 * Renders a generation: each of tools, `INPUT:`, `OUTPUT:` and the error section only when it has
 * something to show, a blank line between sections. Empty properties render as `""`.
 * @example generation(toEventInput(event), state) // ["--------…", "", "INPUT:", "", "Hi"]
 */
export const generation: EventHandler = (event, state) => {
  const properties = event.properties;
  const tools = formatToolLines(properties.get("$ai_tools"), state);
  const input = inputSection(properties.get("$ai_input"), state);
  const output = outputSection(properties.get("$ai_output"), properties.get("$ai_output_choices"), state);
  return joinSections([
    tools.length > 0 ? [SEP, ...tools] : undefined,
    input && [SEP, "", "INPUT:", ...input],
    output && [SEP, "", "OUTPUT:", ...output],
    formatErrorLines(properties),
  ]);
};
