/**
 * The line-number pass (spec §13): applied once to the lines of a whole rendered text, never to
 * the event texts a trace embeds in its markers.
 */
import { prefixLine, type Line } from "./lines.js";

/**
 * Prefixes every line with `L<n>: `, the number zero-padded to the width of the line count, so a
 * model can cite `[L45-52]` and the citations sort as text. `lines` must hold one line each
 * (see `splitLines`).
 * @example numberLines(["a", "b"]) // ["L1: a", "L2: b"]
 */
export function numberLines(lines: readonly Line[]): Line[] {
  const width = String(lines.length).length;
  return lines.map((line, i) => prefixLine(`L${String(i + 1).padStart(width, "0")}: `, line));
}
