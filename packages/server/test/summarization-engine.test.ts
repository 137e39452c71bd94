// The summarization route with the real engine (no mock): the text the model sees and the line
// references checked against it come from `render`.
import { describe, expect, it } from "vitest";
import { project } from "./helpers/harness.js";
import { useLlmTestEnv } from "./llm-harness.js";

const generation = {
  id: "gen-1",
  event: "$ai_generation",
  properties: {
    $ai_trace_id: "trace-1",
    $ai_model: "gpt-4.1",
    $ai_input: [{ role: "user", content: "What is the capital of France?" }],
    $ai_output_choices: [{ role: "assistant", content: "Paris." }],
  },
};
const traceBody = {
  summarize_type: "trace",
  data: { trace: { id: "trace-1", properties: { $ai_trace_id: "trace-1", $ai_span_name: "qa" } }, hierarchy: [{ event: generation, children: [] }] },
};

const env = useLlmTestEnv({ config: { openaiApiKey: "sk-server-key-0000000000" } });

describe("summarization with the real engine", () => {
  it.each([
    ["trace", traceBody],
    ["event", { summarize_type: "event", data: { event: generation } }],
  ])("summarises a %s over the engine's line-numbered text", async (_, body) => {
    env.fake.completionText = JSON.stringify({ title: "Capital question", summary: "- Asked about France [L1].\n- Made up [L9999]." });
    const reply = await env.h.call("POST", `${project()}/llm_analytics/summarization`, { json: body });
    expect(reply.status).toBe(200);
    expect(reply.body.text_repr).toMatch(/^L0*1: /);
    expect(reply.body.text_repr).toContain("Paris.");
    expect(reply.body.summary).toBe("- Asked about France [L1].\n- Made up.");
    expect(reply.body.metadata.removed_line_refs).toEqual(["L9999"]);
    const sent = JSON.stringify(env.fake.requestsTo("openai.chat")[0]?.body);
    expect(sent).toContain("What is the capital of France?");
  });
});
