/**
 * Peak memory of one call, measured in a fresh process so nothing else is on the heap:
 *   node --import tsx bench/peak-memory.ts render|parse FILE
 * Prints the growth of the peak resident set (maxRSS) over the baseline taken after the input
 * text was read, divided by the input's size in bytes.
 */
import { readFileSync } from "node:fs";
import { renderJson } from "../src/index.js";

const [mode, file] = process.argv.slice(2);
if ((mode !== "render" && mode !== "parse") || file === undefined) {
  console.error("usage: peak-memory.ts render|parse FILE");
  process.exit(2);
}
const text = readFileSync(file, "utf8");
// warm up the code paths on a tiny input so compiled code is not counted as data
renderJson('{"event_type": "$ai_span", "data": {"id": "w", "properties": {}}}');
const baseline = process.resourceUsage().maxRSS * 1024;
const result = mode === "render" ? renderJson(text) : JSON.parse(text);
const peak = process.resourceUsage().maxRSS * 1024;
void result;
console.log(JSON.stringify({ mode, inputBytes: Buffer.byteLength(text), peakGrowthBytes: peak - baseline, ratio: (peak - baseline) / Buffer.byteLength(text) }));
