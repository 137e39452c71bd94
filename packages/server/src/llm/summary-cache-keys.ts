/**
 * The keys summaries are cached under. Unlike PostHog's (which hold no content hash, so a trace
 * that gained events is answered with the old summary for an hour), the key includes a SHA-256 of
 * the rendered text: changed data always misses. A second key per `(project, trace, mode)` points
 * at the latest summary's title, so `batch_check` can answer from trace ids alone.
 */

import { createHash } from "node:crypto";
import type { Provider } from "../deps.js";

/** What a summary depends on. */
export interface SummaryCacheKeyParts {
  readonly projectId: string;
  readonly summarizeType: "trace" | "event";
  /** The trace id (`$ai_trace_id` or `trace.id`) or the event id. */
  readonly entityId: string;
  readonly mode: "minimal" | "detailed";
  readonly provider: Provider;
  readonly model: string;
  /** {@link contentHash} of the rendered text. */
  readonly contentHash: string;
}

/** Bumped when the cached body's shape changes, so old entries are simply never read again. */
const VERSION = "v1";

// Each part is URI-encoded so a ':' inside an id cannot make two different keys collide.
const join = (parts: readonly string[]) => parts.map((part) => encodeURIComponent(part)).join(":");

/**
 * The lower-case hex SHA-256 of a rendered text.
 * @example contentHash("L1: hi").length // 64
 */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The cache key of one summary.
 * @example summaryCacheKey({ projectId: "1", summarizeType: "trace", entityId: "t1", mode: "minimal", provider: "openai", model: "gpt-4.1-mini", contentHash: "ab…" })
 */
export function summaryCacheKey(parts: SummaryCacheKeyParts): string {
  return `llm_summary:${VERSION}:${join([
    parts.projectId,
    parts.summarizeType,
    parts.entityId,
    parts.mode,
    parts.provider,
    parts.model,
    parts.contentHash,
  ])}`;
}

/**
 * The key of the latest trace summary's title for `batch_check`, whatever the content or model.
 * @example latestTraceSummaryKey("1", "t1", "minimal") // "llm_summary_latest:v1:1:t1:minimal"
 */
export function latestTraceSummaryKey(projectId: string, traceId: string, mode: "minimal" | "detailed"): string {
  return `llm_summary_latest:${VERSION}:${join([projectId, traceId, mode])}`;
}
