/**
 * `$ai_embedding` (spec §9): the input section, a fixed output note (vectors are never shown) and
 * the error section.
 */
import { formatErrorLines } from "../../format/error-section.js";
import { inputSection } from "../../format/messages.js";
import { joinSections, SEP } from "../../format/rules.js";
import type { EventHandler } from "../state.js";

/**
 * Renders an embedding: `INPUT:` when there is input, then `OUTPUT:` / `Embedding vector
 * generated` always, then, on error, a blank line and the error section.
 * @example embedding(toEventInput(event), state) // [SEP, "", "OUTPUT:", "", "Embedding vector generated", ""]
 */
export const embedding: EventHandler = (event, state) => {
  const properties = event.properties;
  const input = inputSection(properties.get("$ai_input"), state);
  return joinSections([
    input && [SEP, "", "INPUT:", ...input],
    [SEP, "", "OUTPUT:", "", "Embedding vector generated", ""],
    formatErrorLines(properties),
  ]);
};
