import type { MediaStatus } from "@/db/media-schema";

/** Upstream's processing_status (FACTS.md) in the app's terms; unknown values mean "still working". */
export function fromUpstreamStatus(s: string | null | undefined): MediaStatus {
  switch (s) {
    case "queue_bullet":
      return "queued";
    case "processing_bullet":
      return "processing";
    case "success":
    case "fail":
    case "cancel":
      return s;
    default:
      return "processing";
  }
}

const order: Record<MediaStatus, number> = { not_submitted: 0, queued: 1, processing: 2, success: 3, fail: 3, cancel: 3 };

export const isTerminal = (s: MediaStatus) => order[s] === 3;
export const isInFlight = (s: MediaStatus) => s === "queued" || s === "processing";

/** State only moves forward within one generation: a late "processing" never undoes "success". */
export function isForward(from: MediaStatus, to: MediaStatus): boolean {
  return order[to] > order[from] || (order[to] === order[from] && !isTerminal(from));
}

export const STATUS_LABEL: Record<MediaStatus, string> = {
  not_submitted: "Not submitted",
  queued: "Queued",
  processing: "Rendering",
  success: "Ready",
  fail: "Failed",
  cancel: "Cancelled",
};
