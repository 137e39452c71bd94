/**
 * Peak memory of one call, measured in a fresh process so nothing else is on the heap:
 *   node --import tsx bench/peak-memory.ts render|parse FILE
 * Prints the growth of the peak resident set over the resident set just before the call, divided
 * by the input's size in bytes. On Linux the peak (VmHWM) is reset before the call, so the
 * transient peak of reading the file is not taken for the call's; elsewhere maxRSS is used and
 * the figure can only understate.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { renderJson } from "./engine.js";

const [mode, file] = process.argv.slice(2);
if ((mode !== "render" && mode !== "parse") || file === undefined) {
  console.error("usage: peak-memory.ts render|parse FILE");
  process.exit(2);
}

/** Resets the peak-RSS mark; false where the platform cannot. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** The peak RSS since the last reset, in bytes. */
function peakBytes(reset: boolean): number {
  if (!reset) return process.resourceUsage().maxRSS * 1024;
  const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  return Number(kb) * 1024;
}

const text = readFileSync(file, "utf8");
// warm up the code paths on a tiny input so compiled code is not counted as data
renderJson('{"event_type": "$ai_span", "data": {"id": "w", "properties": {}}}');
const reset = resetPeak();
const baseline = process.memoryUsage.rss();
const result = mode === "render" ? renderJson(text) : JSON.parse(text);
const peak = peakBytes(reset);
void result;
const inputBytes = Buffer.byteLength(text);
console.log(JSON.stringify({ mode, inputBytes, peakGrowthBytes: peak - baseline, ratio: (peak - baseline) / inputBytes, peakReset: reset }));
