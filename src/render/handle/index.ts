/**
 * The default handler table: one renderer per event name, the shape a user extends with
 * `{...defaultHandlers, $ai_span: mySpan}`.
 */
import type { Handlers } from "../state.js";
import { embedding } from "./embedding.js";
import { evaluation } from "./evaluation.js";
import { generation } from "./generation.js";
import { span } from "./span.js";
import { trace } from "./trace.js";

/** The built-in handlers, frozen; pass replacements through `render(request, { handlers })`. */
export const defaultHandlers: Handlers = Object.freeze({
  $ai_generation: generation,
  $ai_span: span,
  $ai_embedding: embedding,
  $ai_evaluation: evaluation,
  $ai_trace: trace,
});
