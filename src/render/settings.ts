/**
 * The rendering options of the `text_repr` endpoint (spec §2), resolved once per call into a frozen
 * object with every default applied. Handlers read these; none looks at the raw request.
 */
export interface Settings {
  /** Middle-truncate long strings (§4.2). Default `true`. */
  readonly truncated: boolean;
  /**
   * Code points kept per truncated string, half head, half tail. Default `1000`. A `bigint` only
   * beyond ±2^53, where the hidden count `len - buffer` must still print exactly.
   */
  readonly truncateBuffer: number | bigint;
  /** Emit `<<<…>>>` markers for a UI instead of plain-text indicators for an LLM. Default `true`. */
  readonly includeMarkers: boolean;
  /** Traces: one summary line per node, no bodies. Default `false`. */
  readonly collapsed: boolean;
  /** Prefix every line with `L<n>: ` (§13). Default `false`. */
  readonly includeLineNumbers: boolean;
  /** Whole-output budget in code points, enforced by sampling (§14); `0` disables. Default `2_000_000`. */
  readonly maxLength: number;
  /** More tools than this are collapsed (§7). Default `5`. */
  readonly toolsCollapseThreshold: number;
}

/** The defaults of {@link Settings}, as the reference declares them. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  truncated: true,
  truncateBuffer: 1000,
  includeMarkers: true,
  collapsed: false,
  includeLineNumbers: false,
  maxLength: 2_000_000,
  toolsCollapseThreshold: 5,
});
