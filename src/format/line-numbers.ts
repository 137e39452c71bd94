/**
 * Line numbers (spec §13): applied once to the lines of a whole rendered text, never to the event
 * texts a trace embeds in its markers.
 */

/**
 * The label put before each line of a text, all labels of one length. The budget pass measures
 * lines with it and makes a label only for a line it writes.
 */
export interface LineLabels {
  /** Code points of every label. */
  readonly length: number;
  /** The label of the line at `index` (from 0). */
  label(index: number): string;
}

/** No labels: the text as it is. */
export const NO_LABELS: LineLabels = Object.freeze({ length: 0, label: () => "" });

/**
 * `L<n>: ` for each of `count` lines, the number zero-padded to the width of `count`, so a model
 * can cite `[L45-52]` and the citations sort as text.
 * @example lineNumberLabels(12).label(0) // "L01: "
 */
export function lineNumberLabels(count: number): LineLabels {
  const width = String(count).length;
  return { length: width + 3, label: (index) => `L${String(index + 1).padStart(width, "0")}: ` };
}
