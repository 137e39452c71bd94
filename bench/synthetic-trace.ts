/** The benchmark's large input, shared by render.bench.ts and ad-hoc profiling. */

/**
 * A trace of `nodes` nodes (a multiple of 8): `nodes / 8` spans, each with 7 generations that
 * carry ~13 KB of conversation. The messages repeat one paragraph, as the calls of a conversation
 * resend its prompt and history; with `texts: "distinct"` every message is a text of its own, so
 * that nothing can be reused from one to the next.
 */
export function syntheticTrace(
  nodes: number,
  options: Readonly<Record<string, boolean | number>> = {},
  texts: "repeated" | "distinct" = "repeated",
): string {
  if (!Number.isInteger(nodes / 8) || nodes <= 0) throw new RangeError(`nodes must be a positive multiple of 8, got ${nodes}`);
  // Mostly ASCII prose with some accented words and one emoji per paragraph, as LLM text runs.
  const sentences = [
    "The retrieval step found three documents about the pricing page and the billing FAQ.",
    "Résumé of the café's opening hours: Monday to Friday, nine to five.",
    "The user asked whether LLM analytics is included in every plan, and what it costs.",
    "Tool output was truncated because it exceeded the configured buffer of characters.",
  ];
  const shared = `${Array.from({ length: 40 }, (_, i) => sentences[i % sentences.length]).join(" ")} 🦊`;
  let made = 0;
  const paragraph = (): string => (texts === "repeated" ? shared : `(${++made}) ${shared}`);
  const generation = (i: number) => ({
    event: {
      id: `gen_${i}`,
      event: "$ai_generation",
      properties: {
        $ai_model: "gpt-4o-mini",
        $ai_latency: 1.25 + i / 1000,
        $ai_total_cost_usd: 0.000125 * i,
        $ai_input: [
          { role: "system", content: paragraph() },
          { role: "user", content: [{ type: "text", text: `${paragraph()} question ${i}` }] },
          { role: "assistant", content: paragraph(), tool_calls: [{ function: { name: "lookup", arguments: `{"q": ${i}, "f": 1.0}` } }] },
        ],
        $ai_output_choices: [{ role: "assistant", content: paragraph() }],
        $ai_tools: Array.from({ length: 7 }, (_, t) => ({ type: "function", function: { name: `tool_${t}`, description: "Looks things up. More.", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } } })),
      },
    },
    children: [],
  });
  const spans = Array.from({ length: nodes / 8 }, (_, s) => ({
    event: { id: `span_${s}`, event: "$ai_span", properties: { $ai_span_name: `step_${s}`, $ai_latency: 3.5, $ai_input_state: { messages: [{ role: "user", content: paragraph() }] } } },
    children: Array.from({ length: 7 }, (_, g) => generation(s * 7 + g)),
  }));
  return JSON.stringify({
    event_type: "$ai_trace",
    data: { trace: { id: "bench", properties: { $ai_trace_id: "bench", $ai_span_name: "benchmark" } }, hierarchy: spans },
    options,
  });
}

