/**
 * Limit/offset pagination as DRF's `LimitOffsetPagination` answers it:
 * `{count, next, previous, results}` with absolute `next`/`previous` URLs or null. Unlike DRF
 * (no maximum), `limit` is capped at `config.maxPageSize` (default 1000) so one request cannot
 * ask for the whole table.
 */

import { z } from "@hono/zod-openapi";
import type { ServerConfig } from "../config.js";
import type { PageRequest } from "../store/store.js";

const wholeNumber = (min: number) =>
  z
    .string()
    .regex(/^\d+$/, "Expected a whole number.")
    .transform(Number)
    .pipe(z.number().int().min(min));

/** The `limit` and `offset` query parameters. */
export const PaginationQuerySchema = z.object({
  limit: wholeNumber(1)
    .optional()
    .openapi({ type: "integer", description: "Page size (default 100, capped at 1000 or TRACESCRIBE_MAX_PAGE_SIZE)." }),
  offset: wholeNumber(0).optional().openapi({ type: "integer", description: "Rows to skip (default 0)." }),
});

/** The page a validated query asks for, with the default size and the cap applied. */
export function pageRequest(
  query: { readonly limit?: number | undefined; readonly offset?: number | undefined },
  config: ServerConfig,
): PageRequest {
  return {
    limit: Math.min(query.limit ?? config.defaultPageSize, config.maxPageSize),
    offset: query.offset ?? 0,
  };
}

/** The response envelope of a list. */
export interface PageEnvelope<T> {
  readonly count: number;
  readonly next: string | null;
  readonly previous: string | null;
  readonly results: T[];
}

/**
 * Wraps `results` in the envelope; `requestUrl` is the URL of the request, whose other query
 * parameters are kept in `next`/`previous`.
 */
export function pageEnvelope<T>(requestUrl: string, page: PageRequest, count: number, results: T[]): PageEnvelope<T> {
  const link = (offset: number): string => {
    const url = new URL(requestUrl);
    url.searchParams.set("limit", String(page.limit));
    if (offset > 0) url.searchParams.set("offset", String(offset));
    else url.searchParams.delete("offset");
    return url.toString();
  };
  return {
    count,
    next: page.offset + page.limit < count ? link(page.offset + page.limit) : null,
    previous: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : null,
    results,
  };
}

/** The OpenAPI/zod schema of a page of `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });
}
