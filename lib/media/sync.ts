import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaStatus } from "@/db/media-schema";
import {
  type AssetKind,
  applyUpstreamState,
  claimAsset,
  completeAsset,
  generationIdFor,
  getMediaForSync,
  latestGenerationNumber,
  listAssetsForVersion,
  releaseAsset,
  releaseStaleClaims,
  touchSynced,
  type UpstreamState,
} from "@/db/queries/media-sync";
import type { Storage } from "@/lib/storage/types";
import { type Media as UpstreamMedia, NotFoundError, type VimmerseClient, variantKeys } from "@/lib/vimmerse";
import { fromUpstreamStatus, isInFlight } from "./status";
import { withoutWebhookUrl } from "./submit";

// One media brought up to date with upstream: shared by the webhook (told something changed)
// and the reconciler (checks on its own). Upstream's GET is the only authority; the database
// write is conditional (row lock, forward-only, same generation), so two syncs at once, or a
// sync racing a resubmission, cannot move anything backwards. Finished videos are then copied
// into the app's storage, streamed, each file claimed first so only one sync downloads it.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type SyncOptions = {
  /** Fetches poster images from upstream's file host (tests route it to the sandbox). */
  fetchFile?: FetchLike;
  /** false: state only; the caller copies files later (the webhook answers first). */
  copyAssets?: boolean;
  signal?: AbortSignal;
};

export type CopyReport = { copied: string[]; failed: string[] };

export type SyncResult = {
  mediaId: string;
  outcome: "skipped" | "updated" | "unchanged" | "stale" | "error";
  status: MediaStatus | null;
  error?: string;
  /** Upstream's media as read, for a caller that copies the files afterwards. */
  upstream?: UpstreamMedia;
  /** Set when upstream and the app agree the current version is finished: its files may be copied. */
  copyable?: CopyTarget;
  assets?: CopyReport;
};

const GONE = "Vimmerse no longer has this video.";

/** What upstream says, in the app's terms. */
export function upstreamState(up: UpstreamMedia): UpstreamState {
  const status = fromUpstreamStatus(up.processingStatus);
  return {
    status,
    progress: Math.max(0, Math.min(100, Math.round(up.progressPercentage))),
    // The raw media echoes webhook_url, which carries the secret: never stored.
    upstream: withoutWebhookUrl(up.raw),
    serviceName: up.serviceName,
    serviceVersion: up.serviceVersion,
    bulletVersion: up.bulletVersion == null ? null : String(up.bulletVersion),
    error: status === "fail" ? (failureText(up.raw) ?? "Vimmerse could not make this video.") : status === "cancel" ? "Cancelled." : null,
  };
}

/** Upstream documents no error field; take a plausible one if present. */
function failureText(raw: Record<string, unknown>): string | null {
  for (const k of ["error", "error_message", "fail_reason", "message"]) {
    const v = raw[k];
    if (typeof v === "string" && v.trim()) return `Vimmerse: ${v.trim().slice(0, 300)}`;
  }
  return null;
}

export async function syncMedia(db: DbOrTx, client: VimmerseClient, storage: Storage, mediaId: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const m = await getMediaForSync(db, mediaId);
  if (!m || !m.upstreamId || m.status === "not_submitted") return { mediaId, outcome: "skipped", status: m?.status ?? null };
  const target = { teamId: m.teamId, mediaId: m.id, generation: await latestGenerationNumber(db, m.teamId, m.id) };

  let up: UpstreamMedia;
  try {
    up = await client.getMedia(m.upstreamId, { signal: opts.signal });
  } catch (err) {
    if (err instanceof NotFoundError && isInFlight(m.status)) {
      // It will never finish: say so rather than show "rendering" forever.
      const r = await applyUpstreamState(db, target, {
        status: "fail",
        progress: m.progress,
        upstream: m.upstream,
        serviceName: null,
        serviceVersion: null,
        bulletVersion: null,
        error: GONE,
      });
      return { mediaId, outcome: r.applied ? "updated" : "stale", status: r.status, error: GONE };
    }
    await touchSynced(db, m.teamId, m.id);
    return { mediaId, outcome: "error", status: m.status, error: err instanceof Error ? err.message : String(err) };
  }

  const state = upstreamState(up);
  const r = await applyUpstreamState(db, target, state);
  const result: SyncResult = {
    mediaId,
    outcome: r.applied ? (r.changed ? "updated" : "unchanged") : r.reason === "stale" ? "stale" : "unchanged",
    status: r.status,
    upstream: up,
  };
  // Copy only what upstream and the app agree is the finished current version.
  const current = r.status === "success" && state.status === "success" && (state.bulletVersion === null || state.bulletVersion === r.bulletVersion);
  if (current && (r.applied || r.reason === "backwards")) {
    result.copyable = { teamId: m.teamId, mediaId: m.id, upstreamId: m.upstreamId, bulletVersion: r.bulletVersion };
    if (opts.copyAssets !== false) result.assets = await copyFinishedAssets(db, client, storage, result.copyable, up, opts);
  }
  return result;
}

// ---- copies of finished files ------------------------------------------------------------

export type CopyTarget = { teamId: string; mediaId: string; upstreamId: string; bulletVersion: string | null };

const POSTER_FIELDS = ["poster_url", "poster", "thumbnail_url", "thumbnail", "thumb_url", "thumb", "preview_image", "image_url", "cover_url"];
const KEY_FIELDS = ["motion_type", "motionType", "variant", "key", "name"];
const MAX_POSTER_BYTES = 10 * 1024 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function urlIn(v: unknown, base: string | null): string | null {
  const s = typeof v === "string" ? v : isRecord(v) && typeof v.url === "string" ? v.url : null;
  if (!s?.trim()) return null;
  try {
    const u = base ? new URL(s, base) : new URL(s);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Poster URLs by variant key, from `result`, whose item shape is undocumented: an item names its
 * variant (else its position does) and carries a poster or thumbnail link (else none).
 */
export function posterUrls(up: Pick<UpstreamMedia, "result" | "baseUrl">, keys: string[]): Map<string, string> {
  const out = new Map<string, string>();
  up.result.forEach((item, i) => {
    if (!isRecord(item)) return;
    const named = KEY_FIELDS.map((f) => item[f]).find((v): v is string => typeof v === "string" && v !== "");
    const key = (named && keys.find((k) => k.toLowerCase() === named.toLowerCase())) ?? keys[i];
    const url = POSTER_FIELDS.map((f) => urlIn(item[f], up.baseUrl)).find(Boolean);
    if (key && url && !out.has(key)) out.set(key, url);
  });
  return out;
}

const safeSegment = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "").slice(0, 64) || "x";
const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif" };

type Source = { body: ReadableStream<Uint8Array>; contentType: string };

async function openPoster(url: string, fetchFile: FetchLike, signal?: AbortSignal): Promise<Source> {
  const res = await fetchFile(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(20_000)]) : AbortSignal.timeout(20_000) });
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!res.ok || !res.body || !EXT[type]) {
    await res.body?.cancel().catch(() => {});
    throw new Error(`poster: HTTP ${res.status} ${type}`);
  }
  let seen = 0;
  const cap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      seen += chunk.byteLength;
      if (seen > MAX_POSTER_BYTES) ctl.error(new Error("poster too large"));
      else ctl.enqueue(chunk);
    },
  });
  return { body: res.body.pipeThrough(cap), contentType: type };
}

/**
 * Copies every variant's poster, mp4 and GIF (an extra) of the current version
 * into the app's storage and records them (posters first). Safe to call any number of times, concurrently too.
 */
export async function copyFinishedAssets(
  db: DbOrTx,
  client: VimmerseClient,
  storage: Storage,
  target: CopyTarget,
  up: UpstreamMedia,
  opts: Pick<SyncOptions, "fetchFile" | "signal"> = {},
): Promise<CopyReport> {
  const report: CopyReport = { copied: [], failed: [] };
  const version = target.bulletVersion ?? "0";
  await releaseStaleClaims(db, target.teamId, target.mediaId);
  const have = new Set((await listAssetsForVersion(db, target.teamId, target.mediaId, version)).map((a) => `${a.variantKey}:${a.kind}`));
  const keys = variantKeys(up);
  if (keys.length === 0) return report;
  const posters = posterUrls(up, keys);
  // Posters first (small, and the gallery wants them the moment the video counts as ready).
  const jobs: { key: string; kind: AssetKind }[] = [
    ...keys.filter((k) => posters.has(k)).map((key) => ({ key, kind: "poster" as const })),
    ...keys.map((key) => ({ key, kind: "mp4" as const })),
    ...keys.map((key) => ({ key, kind: "gif" as const })),
  ].filter((j) => !have.has(`${j.key}:${j.kind}`));
  if (jobs.length === 0) return report;
  const generationId = await generationIdFor(db, target.teamId, target.mediaId, version);
  const fetchFile = opts.fetchFile ?? ((input, init) => fetch(input, init));

  for (const job of jobs) {
    const label = `${job.key}:${job.kind}`;
    const base = `media/${target.teamId}/${target.mediaId}/v${safeSegment(version)}/${safeSegment(job.key)}`;
    const guess = job.kind === "mp4" ? "video/mp4" : job.kind === "gif" ? "image/gif" : "image/jpeg";
    const claim = await claimAsset(db, { ...target, generationId, bulletVersion: version, variantKey: job.key, kind: job.kind, storageKey: base, contentType: guess });
    if (!claim) continue; // Another sync is copying it right now.
    try {
      let src: Source;
      if (job.kind === "poster") {
        src = await openPoster(posters.get(job.key)!, fetchFile, opts.signal);
      } else {
        const objectType = job.kind === "mp4" ? "bullet_video_mp4" : "bullet_video_gif";
        const d = await client.download(target.upstreamId, { objectType, motionType: job.key, signal: opts.signal });
        // Upstream may label files generically; the object type says what they are.
        src = { body: d.body, contentType: guess };
      }
      const stored = await storage.put(`${base}.${EXT[src.contentType] ?? "mp4"}`, src.body, src.contentType);
      await completeAsset(db, target.teamId, claim.id, { storageKey: stored.key, bytes: stored.bytes, contentType: src.contentType });
      report.copied.push(label);
    } catch (err) {
      await releaseAsset(db, target.teamId, claim.id);
      report.failed.push(label);
      console.error(`[sync] copy of ${target.mediaId} ${label} failed:`, err instanceof Error ? err.message : err);
    }
  }
  return report;
}
