/**
 * The line-number pass (spec §13): applied once to a whole rendered text, never to the event
 * texts a trace embeds in its markers.
 */

/**
 * Prefixes every line with `L<n>: `, the number zero-padded to the width of the line count, so a
 * model can cite `[L45-52]` and the citations sort as text.
 * @example numberLines("a\nb") // "L1: a\nL2: b"
 */
export function numberLines(text: string): string {
  const lines = text.split("\n");
  const width = String(lines.length).length;
  for (let i = 0; i < lines.length; i++) {
    lines[i] = `L${String(i + 1).padStart(width, "0")}: ${lines[i]}`;
  }
  return lines.join("\n");
}
