/**
 * A count of the lone surrogates this engine's parsers have met (raw, or escaped without their
 * other half; in parses that later fail too), so that a render whose request was parsed here can
 * tell whether any text it handles may hold one.
 *
 * A lone surrogate cannot be encoded as UTF-8: encoding a marker payload that holds one is the
 * reference's `400 Invalid data format`, and checking every payload for one costs a scan of every
 * long string. A render that parsed its request itself takes the count before and after the parse;
 * if no parser has counted one since, no string it reads holds one (the built-in handlers cut text
 * only at code points, so they make none either) and the checks can be left out. The count only
 * grows, and rendering is synchronous, so a parse elsewhere can only make a render check more.
 */
let met = 0;

/** Notes that a parser met a lone surrogate (or what may make one). */
export function noteLoneSurrogate(): void {
  met++;
}

/** How many lone surrogates the parsers have met so far. */
export function loneSurrogatesMet(): number {
  return met;
}
