/**
 * Per-key rate limits with fixed windows, in memory (one process). Hand-written rather than a
 * library because it must read the injected clock (tests step time instead of sleeping) and check
 * several windows (minute, hour, day) as one decision: a request counts against every window only
 * when all of them have room, so a refused request costs nothing.
 */

import type { RateLimitWindow } from "../config.js";

/** The decision for one request. */
export type RateLimitDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  windowStart: number;
  count: number;
}

/** Counts requests per key and window. */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number) {}

  /**
   * Counts one request for `key` if every window has room; otherwise says how long until the
   * fullest window resets.
   */
  take(key: string, windows: readonly RateLimitWindow[]): RateLimitDecision {
    const now = this.clock();
    const current = windows.map((window) => {
      const ms = window.windowSeconds * 1000;
      const windowStart = Math.floor(now / ms) * ms;
      const id = `${key}|${window.windowSeconds}`;
      const stored = this.#buckets.get(id);
      const bucket = stored !== undefined && stored.windowStart === windowStart ? stored : { windowStart, count: 0 };
      return { id, bucket, limit: window.limit, resetAt: windowStart + ms };
    });
    const full = current.filter((w) => w.bucket.count >= w.limit);
    if (full.length > 0) {
      const resetAt = Math.max(...full.map((w) => w.resetAt));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
    }
    for (const w of current) {
      w.bucket.count += 1;
      this.#buckets.set(w.id, w.bucket);
    }
    return { allowed: true };
  }
}
