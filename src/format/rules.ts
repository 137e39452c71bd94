/** The horizontal rules every renderer draws between sections (spec §4.1), and the sections. */

/** 80 hyphens: between sections and between messages. */
export const SEP = "-".repeat(80);

/** 80 equals signs: under span and trace titles. */
export const EQ = "=".repeat(80);

/**
 * Sections one after another with one blank line between them; an absent or empty section is
 * left out (and takes no blank line).
 * @example joinSections([[SEP, "", "INPUT:"], undefined, ["ERROR"]]) // [SEP, "", "INPUT:", "", "ERROR"]
 */
export function joinSections(sections: readonly (readonly string[] | undefined)[]): string[] {
  const lines: string[] = [];
  for (const section of sections) {
    if (section === undefined || section.length === 0) continue;
    if (lines.length > 0) lines.push("");
    // a loop, not push(...section): a section may hold more lines than a call takes arguments
    for (const line of section) lines.push(line);
  }
  return lines;
}
