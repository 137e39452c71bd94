/** Errors and limits shared by the parsers of this module. */

/**
 * The exception Python's `json.loads` raises for the same text: a `JSONDecodeError` for text that
 * is not JSON, a plain `ValueError` for an int literal past {@link INT_MAX_STR_DIGITS} digits, a
 * `RecursionError` for nesting past {@link MAX_DEPTH}. The reference catches them differently.
 */
export type PythonJsonError = "JSONDecodeError" | "ValueError" | "RecursionError";

/**
 * Raised when text is not JSON as Python reads it: a syntax error, nesting deeper than
 * {@link MAX_DEPTH}, an int past {@link INT_MAX_STR_DIGITS} digits, or a refused `NaN`/`Infinity`;
 * `pythonError` says which exception Python would raise.
 */
export class JsonSyntaxError extends Error {
  override name = "JsonSyntaxError";
  constructor(
    message: string,
    /**
     * Where reading failed, as an index into what was read: a UTF-16 index into JSON text (the
     * message counts code points, as Python does), a byte offset into a request body's bytes.
     */
    readonly position: number,
    /** What Python would have raised. */
    readonly pythonError: PythonJsonError = "JSONDecodeError",
  ) {
    super(message);
  }
}

/** Deepest nesting of lists/dicts accepted from outside (Python's own recursion limit is 1000). */
export const MAX_DEPTH = 1000;

/**
 * Python 3.11 refuses to convert decimal text of more digits than this to an int (or back), the
 * guard against quadratic conversion time (`sys.get_int_max_str_digits()`).
 */
export const INT_MAX_STR_DIGITS = 4300;
