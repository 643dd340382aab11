import "server-only";
import type { DbOrTx } from "@/db/client";
import { recordCopyRun } from "@/db/queries/media";
import {
  type AssetKind,
  claimAsset,
  completeAsset,
  listAssetsForVersion,
  releaseAsset,
  releaseClaimsBefore,
} from "@/db/queries/media-assets";
import { generationIdFor } from "@/db/queries/media-generations";
import { isRefused, recordRefusal } from "@/db/queries/upstream-refusals";
import { env, usesSandbox } from "@/lib/env";
import { guardedFetchLike } from "@/lib/http/guarded-fetch";
import type { Storage } from "@/lib/storage/types";
import {
  BadRequestError,
  type Media as UpstreamMedia,
  ValidationError,
  VimmerseError,
  variantKeys,
} from "@/lib/vimmerse";
import { clientFor, type Upstream } from "./deps";

// Copies of a finished version's files (posters, MP4s, GIFs) into the app's storage, streamed,
// each file claimed first so only one sync downloads it. The gallery plays these copies, never
// upstream's links, which may expire.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type CopyReport = { copied: string[]; failed: string[] };

/** A claim whose copy has not finished after this long is taken to be dead (crash, timeout). */
export const STALE_CLAIM_MS = 10 * 60_000;

export type CopyTarget = {
  teamId: string;
  mediaId: string;
  upstreamId: string;
  bulletVersion: string | null;
  /** Failed copy runs of this media so far: the next one waits longer. */
  copyAttempts?: number;
};

/** A failed copy run waits 1, 2, 4, … minutes (an hour at most) before the reconciler tries again. */
export const copyBackoffMs = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000;
/** After this many failed runs the reconciler stops trying; a notice or a page visit still may. */
export const MAX_COPY_ATTEMPTS = 8;

export const GIF = "bullet_video_gif";

/** Upstream refused the object type itself (not "not ready", not "too small"): asking again is pointless. */
export const refusesObjectType = (err: unknown) =>
  (err instanceof BadRequestError || err instanceof ValidationError) &&
  err.code !== "MEDIA_NOT_READY" &&
  err.code !== "FILE_SIZE_TOO_SMALL";

const POSTER_FIELDS = [
  "poster_url",
  "poster",
  "thumbnail_url",
  "thumbnail",
  "thumb_url",
  "thumb",
  "preview_image",
  "image_url",
  "cover_url",
];
const KEY_FIELDS = ["motion_type", "motionType", "variant", "key", "name"];
const MAX_POSTER_BYTES = 10 * 1024 * 1024;
const POSTER_TIMEOUT_MS = 20_000;

/**
 * Poster links come from upstream's answer, so they are fetched through the guarded fetcher. The
 * only private origins trusted are the sandbox's, when it stands in for Vimmerse (no key): it
 * serves its files from APP_URL (lib/sandbox-host.ts), often a loopback address, or from a
 * configured VIMMERSE_API_URL. Read per fetch, so a bad setting fails one copy, not the sync.
 */
export const guardedPosterFetch: FetchLike = (input, init) => {
  const e = env();
  const sandboxUrls = usesSandbox(e) ? [e.APP_URL, e.VIMMERSE_API_URL ?? e.APP_URL] : [];
  const allowOrigins = sandboxUrls.map((u) => new URL(u).origin);
  return guardedFetchLike({ maxBytes: MAX_POSTER_BYTES, timeoutMs: POSTER_TIMEOUT_MS, allowOrigins })(input, init);
};

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

const safeSegment = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, 64) || "x";
const EXT: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
};

type Source = { body: ReadableStream<Uint8Array>; contentType: string };

async function openPoster(url: string, fetchFile: FetchLike, signal?: AbortSignal): Promise<Source> {
  const res = await fetchFile(url, {
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(20_000)]) : AbortSignal.timeout(20_000),
  });
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
  upstream: Upstream,
  storage: Storage,
  target: CopyTarget,
  up: UpstreamMedia,
  opts: { fetchFile?: FetchLike; signal?: AbortSignal } = {},
): Promise<CopyReport> {
  const report: CopyReport = { copied: [], failed: [] };
  const version = target.bulletVersion ?? "0";
  await releaseClaimsBefore(db, target.teamId, target.mediaId, new Date(Date.now() - STALE_CLAIM_MS));
  const have = new Set(
    (await listAssetsForVersion(db, target.teamId, target.mediaId, version)).map((a) => `${a.variantKey}:${a.kind}`),
  );
  const keys = variantKeys(up);
  if (keys.length === 0) return report;
  const gifs = !(await isRefused(db, GIF));
  const posters = posterUrls(up, keys);
  // Posters first (small, and the gallery wants them the moment the video counts as ready).
  const jobs: { key: string; kind: AssetKind }[] = [
    ...keys.filter((k) => posters.has(k)).map((key) => ({ key, kind: "poster" as const })),
    ...keys.map((key) => ({ key, kind: "mp4" as const })),
    ...(gifs ? keys.map((key) => ({ key, kind: "gif" as const })) : []),
  ].filter((j) => !have.has(`${j.key}:${j.kind}`));
  if (jobs.length === 0) return report;
  const generationId = await generationIdFor(db, target.teamId, target.mediaId, version);
  const fetchFile = opts.fetchFile ?? guardedPosterFetch;
  const client = await clientFor(upstream, target.teamId);

  for (const job of jobs) {
    const label = `${job.key}:${job.kind}`;
    const base = `media/${target.teamId}/${target.mediaId}/v${safeSegment(version)}/${safeSegment(job.key)}`;
    const guess = job.kind === "mp4" ? "video/mp4" : job.kind === "gif" ? "image/gif" : "image/jpeg";
    const claim = await claimAsset(db, {
      teamId: target.teamId,
      mediaId: target.mediaId,
      generationId,
      bulletVersion: version,
      variantKey: job.key,
      kind: job.kind,
      storageKey: base,
      contentType: guess,
    });
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
      await completeAsset(db, target.teamId, claim.id, {
        storageKey: stored.key,
        bytes: stored.bytes,
        contentType: src.contentType,
      });
      report.copied.push(label);
    } catch (err) {
      await releaseAsset(db, target.teamId, claim.id);
      if (job.kind === "gif" && refusesObjectType(err)) {
        // Remembered for every media and instance: no GIF is asked for again.
        await recordRefusal(db, GIF, err instanceof VimmerseError ? err.code : null);
        console.warn(`[sync] Vimmerse refuses ${GIF}; GIFs are no longer asked for`);
        continue;
      }
      report.failed.push(label);
      console.error(`[sync] copy of ${target.mediaId} ${label} failed:`, err instanceof Error ? err.message : err);
    }
  }
  const failed = report.failed.length > 0;
  if (failed || target.copyAttempts) {
    const nextAt = failed ? new Date(Date.now() + copyBackoffMs(target.copyAttempts ?? 0)) : null;
    await recordCopyRun(db, target.teamId, target.mediaId, { failed, nextAt });
  }
  return report;
}
