/**
 * Rendering speed and memory, with `JSON.parse` of the same text measured beside it.
 *
 *   npm run bench                 # all tasks
 *   npm run bench -- --quick      # fewer iterations
 *
 * Tasks: the whole real-client corpus (every event, every trace built with buildHierarchy), a
 * synthetic trace of 2,400 nodes / ~32 MB at three sizes to show that time grows linearly, the
 * largest with LLM options and with no message repeated, and buildHierarchy over 20,000 flat
 * events.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Bench } from "tinybench";
import { buildHierarchy, fromJs, isDict, jsonDumps, parseJson, renderJson, type PyValue } from "./engine.js";
import { syntheticTrace } from "./synthetic-trace.js";

const quick = process.argv.includes("--quick");
const fixtures = join(import.meta.dirname, "../fixtures/real-client");

function realClientRequests(): string[] {
  const requests: string[] = [];
  for (const name of readdirSync(join(fixtures, "events")).sort()) {
    const event = JSON.parse(readFileSync(join(fixtures, "events", name), "utf8")) as { event: string };
    // a lone $ai_trace event renders as a trace without hierarchy (its own states)
    const data = event.event === "$ai_trace" ? { trace: event, hierarchy: [] } : { id: name, ...event };
    requests.push(JSON.stringify({ event_type: event.event, data }));
  }
  for (const name of readdirSync(join(fixtures, "traces")).sort()) {
    const flat = parseJson(readFileSync(join(fixtures, "traces", name), "utf8"));
    const events = isDict(flat) ? flat.get("events") : undefined;
    const trace = isDict(flat) ? flat.get("trace") : undefined;
    const data = buildHierarchy(Array.isArray(events) ? events : [], isDict(trace) ? { trace } : {});
    const request = new Map<string, PyValue>([
      ["event_type", "$ai_trace"],
      ["data", new Map<string, PyValue>([["trace", data.trace], ["hierarchy", data.hierarchy]])],
    ]);
    requests.push(jsonDumps(request));
  }
  return requests;
}

const MEMORY_RUNS = 5;

/**
 * Peak-memory growth of one call on `text` over the input size: the median of
 * {@link MEMORY_RUNS} fresh processes (bench/peak-memory.ts), as one run varies with GC timing.
 */
function peakMemoryRatio(mode: "render" | "parse", text: string): number {
  const file = join(mkdtempSync(join(tmpdir(), "tracescribe-bench-")), "trace.json");
  writeFileSync(file, text);
  const ratios: number[] = [];
  for (let run = 0; run < MEMORY_RUNS; run++) {
    const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "peak-memory.ts"), mode, file], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`peak-memory.ts failed: ${child.stderr}`);
    ratios.push((JSON.parse(child.stdout) as { ratio: number }).ratio);
  }
  rmSync(dirname(file), { recursive: true, force: true });
  return ratios.sort((a, b) => a - b)[Math.floor(MEMORY_RUNS / 2)] as number;
}

const bench = new Bench({ time: quick ? 200 : 2000, iterations: quick ? 3 : 10 });
const corpus = realClientRequests();
bench.add(`real-client corpus: render ${corpus.length} requests`, () => {
  for (const request of corpus) renderJson(request);
});
bench.add(`real-client corpus: JSON.parse ${corpus.length} requests`, () => {
  for (const request of corpus) JSON.parse(request);
});
const sizes = [600, 1200, 2400];
const traces = new Map(sizes.map((n) => [n, syntheticTrace(n)]));
/** The task names of each size. */
const traceTasks = new Map<number, { render: string; parse: string }>();
for (const [nodes, text] of traces) {
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
  const names = { render: `synthetic trace ${nodes} nodes (${mb} MB): renderJson`, parse: `synthetic trace ${nodes} nodes (${mb} MB): JSON.parse` };
  traceTasks.set(nodes, names);
  bench.add(names.render, () => void renderJson(text));
  bench.add(names.parse, () => void JSON.parse(text));
}
const largest = traces.get(2400) ?? "";
// the parse alone: number spelling kept, small dicts packed (src/value/packed-dict.ts)
bench.add("synthetic trace 2400 nodes: parseJson", () => void parseJson(largest));
// the LLM path: plain indicators, line numbers, the default budget
const plain = syntheticTrace(2400, { include_markers: false, include_line_numbers: true });
bench.add("synthetic trace 2400 nodes, LLM options: renderJson", () => void renderJson(plain));
bench.add("synthetic trace 2400 nodes, LLM options: JSON.parse", () => void JSON.parse(plain));
// no message repeated: a truncation is reused only by the nodes the budget keeps, written after being measured
const distinct = syntheticTrace(2400, {}, "distinct");
bench.add("synthetic trace 2400 nodes, distinct texts: renderJson", () => void renderJson(distinct));
bench.add("synthetic trace 2400 nodes, distinct texts: JSON.parse", () => void JSON.parse(distinct));
// flat events with parents scattered over the list, as buildHierarchy gets them from a trace query
const flatEvents = fromJs(
  Array.from({ length: 20_000 }, (_, i) => ({
    event: "$ai_span",
    timestamp: `2026-01-01T00:00:0${i % 10}Z`,
    properties: { $ai_span_id: `s${i}`, $ai_parent_id: i < 100 ? "t" : `s${(i * 7919) % 20_000}`, $ai_latency: (i % 13) / 10 },
  })),
) as PyValue[];
bench.add("buildHierarchy: 20,000 flat events", () => void buildHierarchy(flatEvents, { traceId: "t" }));

await bench.run();
console.table(
  bench.tasks.map((task) => {
    const result = task.result;
    if (result && "latency" in result) {
      const { mean, p50, p99, samplesCount } = result.latency;
      return { task: task.name, "mean ms": mean.toFixed(2), "median ms": (p50 ?? Number.NaN).toFixed(2), "p99 ms": p99.toFixed(2), samples: samplesCount };
    }
    return { task: task.name, error: result && "error" in result ? String(result.error) : result?.state };
  }),
);
const latency = (name: string, statistic: "mean" | "p50"): number => {
  const result = bench.tasks.find((t) => t.name === name)?.result;
  return result && "latency" in result ? (result.latency[statistic] ?? Number.NaN) : Number.NaN;
};
// The mean carries the collector's pauses as they fall; the median is steadier between runs.
const ratios = (label: string, task: string, parse: string): string =>
  `${label}/JSON.parse = ${(latency(task, "mean") / latency(parse, "mean")).toFixed(2)}× by mean, ${(latency(task, "p50") / latency(parse, "p50")).toFixed(2)}× by median`;
for (const [n, { render, parse }] of traceTasks) {
  const msPerMb = latency(render, "mean") / (Buffer.byteLength(traces.get(n) ?? "") / 1e6);
  console.log(`synthetic trace ${n} nodes: ${ratios("render", render, parse)}; render ms/MB = ${msPerMb.toFixed(2)} (mean)`);
}
console.log(`synthetic trace 2400 nodes: ${ratios("parseJson", "synthetic trace 2400 nodes: parseJson", traceTasks.get(2400)?.parse ?? "")}`);
for (const variant of ["LLM options", "distinct texts"]) {
  const prefix = `synthetic trace 2400 nodes, ${variant}`;
  console.log(`${prefix}: ${ratios("render", `${prefix}: renderJson`, `${prefix}: JSON.parse`)}`);
}
const kept = (renderJson(largest).text.match(/<<<GEN_EXPANDABLE\|/g) ?? []).length;
console.log(`synthetic trace 2400 nodes: the default budget keeps ${kept} expandable nodes of 2400 (1 in ${(2400 / kept).toFixed(0)})`);
console.log(`peak RSS growth (median of ${MEMORY_RUNS} processes), renderJson of the largest trace: ${peakMemoryRatio("render", largest).toFixed(2)}× input bytes`);
console.log(`peak RSS growth (median of ${MEMORY_RUNS} processes), renderJson of the largest trace, LLM options: ${peakMemoryRatio("render", plain).toFixed(2)}× input bytes`);
console.log(`peak RSS growth (median of ${MEMORY_RUNS} processes), JSON.parse of the largest trace: ${peakMemoryRatio("parse", largest).toFixed(2)}× input bytes`);
