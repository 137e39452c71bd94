/**
 * The `created_by` field of responses. There are no user accounts: objects are created with a
 * personal API key, so `created_by` names that key (`{id, label}`), or is null when the key is gone.
 */

import { z } from "@hono/zod-openapi";
import type { Store } from "../store/store.js";

/** The schema of `created_by`. */
export const CreatedBySchema = z
  .object({ id: z.string(), label: z.string() })
  .nullable()
  .openapi("CreatedBy", { description: "The personal API key that created the object." });

/** The value of `created_by`. */
export type CreatedBy = z.infer<typeof CreatedBySchema>;

/**
 * Resolves many creator ids with one query; call `creators.get(id)` for each object.
 * @example const creators = await resolveCreators(store, rows.map((r) => r.createdBy));
 */
export async function resolveCreators(
  store: Store,
  ids: readonly (string | null)[],
): Promise<{ get(id: string | null): CreatedBy }> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const labels = await store.apiKeys.labels(unique);
  return {
    get(id) {
      if (id === null) return null;
      const label = labels.get(id);
      return label === undefined ? null : { id, label };
    },
  };
}
