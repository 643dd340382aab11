import type { MediaStatus } from "@/db/media-schema";
import type { Media as UpstreamMedia } from "@/lib/vimmerse";

// Vimmerse's media, in the app's terms: the one mapping used by submit, sync and regenerate.

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

export type UpstreamState = {
  status: MediaStatus;
  /** 0–100, whatever upstream sent. */
  progress: number;
  /** Upstream's raw JSON, less the webhook URL (it carries the secret). */
  upstream: Record<string, unknown>;
  serviceName: string | null;
  serviceVersion: string | null;
  bulletVersion: string | null;
  /** Why the render failed, for the generation's history (fail/cancel only). */
  error: string | null;
};

export function withoutWebhookUrl(raw: Record<string, unknown>): Record<string, unknown> {
  const { webhook_url: _secret, ...rest } = raw;
  return rest;
}

const clampProgress = (p: number) => Math.max(0, Math.min(100, Math.round(Number.isFinite(p) ? p : 0)));

/** Upstream documents no error field; take a plausible one if present. */
function failureText(raw: Record<string, unknown>): string | null {
  for (const k of ["error", "error_message", "fail_reason", "message"]) {
    const v = raw[k];
    if (typeof v === "string" && v.trim()) return `Vimmerse: ${v.trim().slice(0, 300)}`;
  }
  return null;
}

/** What upstream says about a media, in the app's terms. */
export function upstreamState(up: UpstreamMedia): UpstreamState {
  const status = fromUpstreamStatus(up.processingStatus);
  return {
    status,
    progress: clampProgress(up.progressPercentage),
    upstream: withoutWebhookUrl(up.raw),
    serviceName: up.serviceName,
    serviceVersion: up.serviceVersion,
    bulletVersion: up.bulletVersion == null ? null : String(up.bulletVersion),
    error:
      status === "fail"
        ? (failureText(up.raw) ?? "Vimmerse could not make this video.")
        : status === "cancel"
          ? "Cancelled."
          : null,
  };
}
