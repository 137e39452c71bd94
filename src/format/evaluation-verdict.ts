/**
 * The verdict of an `$ai_evaluation` (spec §10), shared by the evaluation body and its tree summary.
 */
import type { PyDict, PyValue } from "../value/py-value.js";

/** What an evaluation concluded. */
export type EvaluationVerdict = "N/A" | "PASS" | "FAIL" | "UNKNOWN";

// Only the exact boolean or its string spelling counts: the reference compares by identity, so
// `1` and `0` (equal to True/False in Python) stay UNKNOWN.
const isExactly = (value: PyValue | undefined, flag: boolean): boolean => value === flag || value === String(flag);

/**
 * `N/A` when `$ai_evaluation_applicable` is false, else `PASS`/`FAIL` from `$ai_evaluation_result`,
 * else `UNKNOWN`.
 * @example evaluationVerdict(new Map([["$ai_evaluation_result", "true"]])) // "PASS"
 */
export function evaluationVerdict(properties: PyDict): EvaluationVerdict {
  if (isExactly(properties.get("$ai_evaluation_applicable"), false)) return "N/A";
  const result = properties.get("$ai_evaluation_result");
  if (isExactly(result, true)) return "PASS";
  if (isExactly(result, false)) return "FAIL";
  return "UNKNOWN";
}
