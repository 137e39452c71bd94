/**
 * The native scans a render makes over every long text, per character, on the messages of the
 * benchmark's trace (mostly ASCII, some Latin-1 accents, an emoji near the end of each):
 *
 *   npm run bench:scans
 *
 * They back two choices: the surrogate search starts from a search for a character past U+00FF
 * (src/format/text.ts), and a payload's UTF-8 length and its check for lone surrogates are one
 * Buffer.write (src/format/base64.ts).
 */
import { Bench } from "tinybench";
import { syntheticTrace } from "./synthetic-trace.js";

const trace = JSON.parse(syntheticTrace(400, {}, "distinct")) as { data: { hierarchy: { children: { event: { properties: { $ai_input: { content: unknown }[] } } }[] }[] } };
const texts = trace.data.hierarchy.flatMap((span) =>
  span.children.flatMap((child) => child.event.properties.$ai_input.map((m) => m.content).filter((c): c is string => typeof c === "string")),
);
const chars = texts.reduce((n, text) => n + text.length, 0);

const SURROGATE = /[\uD800-\uDFFF]/;
const BEYOND_LATIN1 = /[^\u0000-\u00FF]/;
const scratch = Buffer.allocUnsafe(1 << 18);
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);
let sink = 0;

const bench = new Bench({ time: 1000 });
bench.add("search for a surrogate", () => {
  for (const text of texts) sink += text.search(SURROGATE);
});
bench.add("search for a character past U+00FF", () => {
  for (const text of texts) sink += text.search(BEYOND_LATIN1);
});
bench.add("isWellFormed, then Buffer.byteLength", () => {
  for (const text of texts) sink += (text.isWellFormed() ? 1 : 0) + Buffer.byteLength(text);
});
bench.add("Buffer.write, then look for U+FFFD", () => {
  for (const text of texts) {
    const written = scratch.write(text, 0, "utf8");
    sink += written + scratch.subarray(0, written).indexOf(REPLACEMENT);
  }
});
await bench.run();
console.table(
  bench.tasks.map((task) => {
    const result = task.result;
    const mean = result && "latency" in result ? result.latency.mean : Number.NaN;
    return { task: task.name, "ns per character": ((mean * 1e6) / chars).toFixed(3) };
  }),
);
console.log(`${texts.length} texts, ${chars} characters (checksum ${sink})`);
