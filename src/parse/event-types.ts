/** The values of the request's `event_type` (spec §1), in the reference's declaration order. */
export const EVENT_TYPES = ["$ai_generation", "$ai_span", "$ai_embedding", "$ai_trace"] as const;

/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];
