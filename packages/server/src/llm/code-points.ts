/**
 * Text length as Python's `len` counts it (code points, not UTF-16 units), so limits and lengths
 * match PostHog's for text outside the Basic Multilingual Plane (emoji, rare CJK).
 */

/**
 * The number of code points in `text`.
 * @example codePointLength("😀a") // 2 (while "😀a".length is 3)
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
