/**
 * A count of the strings with a lone surrogate that this engine's parsers have made, so that a
 * render whose request was parsed here can tell whether any text it handles may hold one.
 *
 * A lone surrogate cannot be encoded as UTF-8: encoding a marker payload that holds one is the
 * reference's `400 Invalid data format`, and checking every payload for one costs a scan of every
 * long string. A render that parsed its request itself takes the count before and after the parse;
 * if no parser has counted one since, no string it reads holds one (the built-in handlers cut text
 * only at code points, so they make none either) and the checks can be left out. The count only
 * grows, and rendering is synchronous, so a parse elsewhere can only make a render check more.
 */
let made = 0;

/** Notes that a parser made a string that holds (or may hold) a lone surrogate. */
export function noteLoneSurrogate(): void {
  made++;
}

/** How many strings with a lone surrogate the parsers have made so far. */
export function loneSurrogatesMade(): number {
  return made;
}
