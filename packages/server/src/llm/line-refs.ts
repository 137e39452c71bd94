/**
 * Line references in model answers (`[L45]`, `[L45-52]`, `[L13-19, L553-555]`): a model can cite
 * lines that do not exist (hallucinated, or dropped by `max_length` sampling). Every reference is
 * checked against the line labels actually present in the rendered text; invalid ones are removed
 * and reported, never passed on.
 */

/** The result of {@link filterLineRefs}. */
export interface FilteredText {
  readonly text: string;
  /** The references that were removed, as written by the model (e.g. `L999`, `L40-L60`). */
  readonly removed: readonly string[];
}

/**
 * The line numbers a line-numbered text contains: the `L<n>: ` labels at line starts. With
 * `max_length` sampling the labels have gaps, and a cited gap is as invalid as a number past the
 * end. A text without labels counts as numbered 1..n.
 * @example existingLines("L1: a\nL2: b") // Set {1, 2}
 */
export function existingLines(text: string): ReadonlySet<number> {
  const lines = text.split("\n");
  const labelled = new Set<number>();
  for (const line of lines) {
    const match = /^L(\d+): /.exec(line);
    if (match) labelled.add(Number(match[1]));
  }
  if (labelled.size > 0) return labelled;
  return new Set(lines.map((_, i) => i + 1));
}

/** One `L45` or `L45-52` / `L45-L52` item. */
const ITEM = String.raw`L(\d+)(?:\s*[-–]\s*L?(\d+))?`;
/**
 * A bracketed group of items, or a bare item (not inside a word), with the blanks before it, so a
 * removed reference takes its leading space along ("and [L99]." becomes "and.").
 */
const REFERENCE = new RegExp(String.raw`([ \t]*)(\[\s*${ITEM}(?:\s*,\s*${ITEM})*\s*\]|(?<![\w\[-])${ITEM}(?![\w]))`, "g");
const SINGLE_ITEM = new RegExp(ITEM, "g");

function itemIsValid(start: number, end: number | null, lines: ReadonlySet<number>): boolean {
  if (end === null) return lines.has(start);
  return start <= end && lines.has(start) && lines.has(end);
}

/**
 * Removes every line reference in `text` that does not point at lines present in `lines`; keeps
 * the valid items of a group (`[L1, L999]` → `[L1]`) and drops a group that keeps none.
 * @example filterLineRefs("Error [L3] and [L99].", new Set([1, 2, 3])) // { text: "Error [L3] and.", removed: ["L99"] }
 */
export function filterLineRefs(text: string, lines: ReadonlySet<number>): FilteredText {
  const removed: string[] = [];
  const filtered = text.replace(REFERENCE, (match: string, blanks: string, reference: string) => {
    const items = [...reference.matchAll(SINGLE_ITEM)];
    const kept: string[] = [];
    for (const item of items) {
      const start = Number(item[1]);
      const end = item[2] === undefined ? null : Number(item[2]);
      if (itemIsValid(start, end, lines)) kept.push(item[0]);
      else removed.push(item[0]);
    }
    if (kept.length === items.length) return match;
    if (kept.length === 0) return "";
    return `${blanks}[${kept.join(", ")}]`;
  });
  return { text: filtered, removed };
}
