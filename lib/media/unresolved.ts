import type { PendingBaseline } from "@/db/media-schema";
import { parseMedia, type Media as UpstreamMedia } from "@/lib/vimmerse";
import { webhookSecretMatches } from "./webhook-secret";

// Upstream's own evidence about a paid call whose answer was lost. The app never resends such a
// call blindly: it looks for the job the call made, and only when none shows up in time does it
// let the person decide to send again.

/** How long a lost process or charged edit is left to show up upstream before the media returns to how it was. */
export const PENDING_CHANGE_WAIT_MS = 10 * 60_000;

export const CHANGE_NOT_SEEN =
  "Vimmerse showed no sign of the last request, so nothing new was made. You can send it again; if Vimmerse did receive the first one after all, that may charge twice.";

/** Upstream's video_history length as the media last stored it: the baseline of a new call. */
export function historyLength(storedUpstream: unknown): number {
  return parseMedia(storedUpstream)?.videoHistory.length ?? 0;
}

const version = (v: string | number | null | undefined) => (v == null || v === "" ? -1 : Number(v));

/**
 * Did upstream start the generation asked for? Yes when it is working again, or shows a newer
 * bullet version or a longer video_history than before the call. A "success" of the old version
 * is not evidence: that is the previous render.
 */
export function showsNewGeneration(up: UpstreamMedia, baseline: PendingBaseline): boolean {
  const working = up.processingStatus === "queue_bullet" || up.processingStatus === "processing_bullet";
  const newer = version(up.bulletVersion) > version(baseline.bulletVersion);
  return working || newer || up.videoHistory.length > baseline.historyLength;
}

/**
 * The job upstream made from a lost create is ours only if it calls back to this media's secret
 * URL: the last segment of its webhook_url hashes to the media's stored secret hash.
 */
export function callsBackTo(up: UpstreamMedia, secretHash: string): boolean {
  const url = up.webhookUrl ?? (typeof up.raw.webhook_url === "string" ? up.raw.webhook_url : null);
  const last = url?.split("?")[0]?.replace(/\/+$/, "").split("/").pop();
  return Boolean(last) && webhookSecretMatches(last!, secretHash);
}
