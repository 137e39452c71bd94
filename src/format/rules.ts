/** The horizontal rules every renderer draws between sections (spec §4.1). */

/** 80 hyphens: between sections and between messages. */
export const SEP = "-".repeat(80);

/** 80 equals signs: under span and trace titles. */
export const EQ = "=".repeat(80);
