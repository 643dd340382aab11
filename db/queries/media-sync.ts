import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { media, mediaAssets, mediaGenerations, type MediaStatus } from "../media-schema";
import { isForward, isTerminal } from "@/lib/media/status";
import type { Media } from "./media";

// Writes of the follow-up flow (webhook, reconciler). These run without a signed-in user: the
// media is found by its webhook secret or picked by the reconciler, and every write after that
// carries the media's own team id.

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** System read for the sync (the caller got the id from a secret or the reconciler's list). */
export async function getMediaForSync(db: DbOrTx, mediaId: string): Promise<Media | null> {
  if (!isUuid(mediaId)) return null;
  const [row] = await db.select().from(media).where(eq(media.id, mediaId)).limit(1);
  return row ?? null;
}

export type WebhookTarget = Pick<Media, "id" | "teamId" | "status" | "upstreamId" | "webhookSecretHash" | "bulletVersion">;

/** The media a webhook secret belongs to, by the hash's unique index. */
export async function findMediaByWebhookHash(db: DbOrTx, hash: string): Promise<WebhookTarget | null> {
  const [row] = await db
    .select({
      id: media.id,
      teamId: media.teamId,
      status: media.status,
      upstreamId: media.upstreamId,
      webhookSecretHash: media.webhookSecretHash,
      bulletVersion: media.bulletVersion,
    })
    .from(media)
    .where(eq(media.webhookSecretHash, hash))
    .limit(1);
  return row ?? null;
}

/** The number of the media's latest generation (0 when none): the sync's staleness marker. */
export async function latestGenerationNumber(db: DbOrTx, teamId: string, mediaId: string): Promise<number> {
  const [row] = await db
    .select({ number: mediaGenerations.number })
    .from(mediaGenerations)
    .where(and(eq(mediaGenerations.teamId, teamId), eq(mediaGenerations.mediaId, mediaId)))
    .orderBy(desc(mediaGenerations.number))
    .limit(1);
  return row?.number ?? 0;
}

export type UpstreamState = {
  status: MediaStatus;
  progress: number;
  upstream: unknown;
  serviceName: string | null;
  serviceVersion: string | null;
  bulletVersion: string | null;
  /** Why the render failed, for the generation's history (fail/cancel only). */
  error: string | null;
};

export type ApplyResult =
  | { applied: true; changed: boolean; status: MediaStatus; bulletVersion: string | null }
  | { applied: false; reason: "gone" | "stale" | "backwards"; status: MediaStatus | null; bulletVersion: string | null };


/**
 * Writes upstream's state under a row lock, only if it moves the media forward within the
 * generation the caller saw before asking upstream: a sync that raced a resubmission, or a late
 * "processing" after "success", writes nothing but the time it looked.
 */
export async function applyUpstreamState(
  db: DbOrTx,
  target: { teamId: string; mediaId: string; generation: number },
  next: UpstreamState,
): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: media.status, progress: media.progress, bulletVersion: media.bulletVersion })
      .from(media)
      .where(and(eq(media.teamId, target.teamId), eq(media.id, target.mediaId)))
      .for("update");
    if (!row) return { applied: false, reason: "gone", status: null, bulletVersion: null };
    const now = new Date();
    const generation = await latestGenerationNumber(tx, target.teamId, target.mediaId);
    // A media never submitted is the submit flow's, not the sync's (it has no upstream state yet).
    const forward = row.status !== "not_submitted" && isForward(row.status, next.status);
    if (generation !== target.generation || !forward) {
      await tx.update(media).set({ syncedAt: now }).where(and(eq(media.teamId, target.teamId), eq(media.id, target.mediaId)));
      return { applied: false, reason: generation !== target.generation ? "stale" : "backwards", status: row.status, bulletVersion: row.bulletVersion };
    }
    const terminal = isTerminal(next.status);
    // Within one generation progress never goes down; success is always complete.
    const progress = next.status === "success" ? 100 : Math.max(row.progress, next.progress);
    const bulletVersion = next.bulletVersion ?? row.bulletVersion;
    const changed = next.status !== row.status || progress !== row.progress || bulletVersion !== row.bulletVersion;
    await tx
      .update(media)
      .set({
        status: next.status,
        progress,
        upstream: next.upstream,
        ...(next.serviceName ? { serviceName: next.serviceName } : {}),
        ...(next.serviceVersion ? { serviceVersion: next.serviceVersion } : {}),
        bulletVersion,
        finishedAt: terminal ? now : null,
        syncedAt: now,
        ...(changed ? { updatedAt: now } : {}),
      })
      .where(and(eq(media.teamId, target.teamId), eq(media.id, target.mediaId)));
    if (changed && generation > 0) {
      await tx
        .update(mediaGenerations)
        .set({
          status: next.status,
          ...(next.serviceName ? { serviceName: next.serviceName } : {}),
          ...(next.serviceVersion ? { serviceVersion: next.serviceVersion } : {}),
          bulletVersion,
          finishedAt: terminal ? now : null,
          error: terminal && next.status !== "success" ? next.error : null,
        })
        .where(and(eq(mediaGenerations.teamId, target.teamId), eq(mediaGenerations.mediaId, target.mediaId), eq(mediaGenerations.number, generation)));
    }
    return { applied: true, changed, status: next.status, bulletVersion };
  });
}

/** A failed look upstream still counts as a look: the reconciler moves on to older ones. */
export async function touchSynced(db: DbOrTx, teamId: string, mediaId: string): Promise<void> {
  await db
    .update(media)
    .set({ syncedAt: new Date() })
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)));
}

// ---- assets ----------------------------------------------------------------------------

export type Asset = typeof mediaAssets.$inferSelect;
export type AssetKind = Asset["kind"];

/** A claim whose copy has not finished after this long is taken to be dead (crash, timeout). */
export const STALE_CLAIM_MS = 10 * 60_000;

export async function listAssetsForVersion(db: DbOrTx, teamId: string, mediaId: string, bulletVersion: string): Promise<Asset[]> {
  return db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.mediaId, mediaId), eq(mediaAssets.bulletVersion, bulletVersion)));
}

/**
 * Takes the right to copy one file: the row goes in first with no size (unfinished), so of two
 * concurrent syncs only one downloads; the unique index (media, version, variant, kind) decides.
 */
export async function claimAsset(
  db: DbOrTx,
  row: { teamId: string; mediaId: string; generationId: string | null; bulletVersion: string; variantKey: string; kind: AssetKind; storageKey: string; contentType: string },
): Promise<Asset | null> {
  const [claimed] = await db
    .insert(mediaAssets)
    .values({ ...row, bytes: null })
    .onConflictDoNothing({ target: [mediaAssets.mediaId, mediaAssets.bulletVersion, mediaAssets.variantKey, mediaAssets.kind] })
    .returning();
  return claimed ?? null;
}

export async function completeAsset(db: DbOrTx, teamId: string, assetId: string, done: { storageKey: string; bytes: number; contentType: string }): Promise<void> {
  await db
    .update(mediaAssets)
    .set(done)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.id, assetId)));
}

/** Drops an unfinished claim (the copy failed) so a later sync tries again. */
export async function releaseAsset(db: DbOrTx, teamId: string, assetId: string): Promise<void> {
  await db.delete(mediaAssets).where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.id, assetId), isNull(mediaAssets.bytes)));
}

/** Removes claims abandoned by a crashed copy, so they can be taken again. */
export async function releaseStaleClaims(db: DbOrTx, teamId: string, mediaId: string, now = Date.now()): Promise<void> {
  await db
    .delete(mediaAssets)
    .where(
      and(
        eq(mediaAssets.teamId, teamId),
        eq(mediaAssets.mediaId, mediaId),
        isNull(mediaAssets.bytes),
        lt(mediaAssets.createdAt, new Date(now - STALE_CLAIM_MS)),
      ),
    );
}

/** The id of the generation that produced a bullet version (the latest one that says so). */
export async function generationIdFor(db: DbOrTx, teamId: string, mediaId: string, bulletVersion: string): Promise<string | null> {
  const [row] = await db
    .select({ id: mediaGenerations.id })
    .from(mediaGenerations)
    .where(and(eq(mediaGenerations.teamId, teamId), eq(mediaGenerations.mediaId, mediaId), eq(mediaGenerations.bulletVersion, bulletVersion)))
    .orderBy(desc(mediaGenerations.number))
    .limit(1);
  return row?.id ?? null;
}

// ---- the reconciler's work lists ---------------------------------------------------------

/** Media still rendering, the longest unchecked first (partial index media_in_flight_idx). */
export async function listInFlight(db: DbOrTx, limit: number, notSince: Date): Promise<{ id: string; teamId: string }[]> {
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(and(inArray(media.status, ["queued", "processing"]), or(isNull(media.syncedAt), lt(media.syncedAt, notSince))))
    .orderBy(sql`${media.syncedAt} asc nulls first`)
    .limit(limit);
}

/**
 * Of the team's media someone is watching, takes up to `limit` in flight and unchecked for
 * `staleMs`, marking them checked now: of any number of concurrent polls only one gets each.
 * The database's clock decides, so app servers whose clocks disagree cannot both take one.
 */
export async function claimWatchedForRefresh(db: DbOrTx, teamId: string, ids: string[], staleMs: number, limit: number): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const unchecked = or(isNull(media.syncedAt), lt(media.syncedAt, sql`now() - make_interval(secs => ${staleMs / 1000})`));
  const due = db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.teamId, teamId), inArray(media.id, valid), inArray(media.status, ["queued", "processing"]), unchecked))
    .orderBy(sql`${media.syncedAt} asc nulls first`)
    .limit(limit);
  const rows = await db
    .update(media)
    .set({ syncedAt: sql`now()` })
    // Re-checked on the locked row: a concurrent poll may have claimed it since the select.
    .where(and(eq(media.teamId, teamId), inArray(media.id, due), unchecked))
    .returning({ id: media.id });
  return rows.map((r) => r.id);
}

/** How many videos a media was asked for (one pose preset, `quantity` of them). */
export const expectedCopies = sql<number>`case when jsonb_typeof(${media.params}->'quantity') = 'number' then greatest(1, (${media.params}->>'quantity')::int) else 1 end`;

// Spelled out: in a single-table select drizzle leaves columns unqualified, and inside this
// sub-select a bare "id" would mean media_assets.id.
/** Finished copies of the media's current version. */
export const currentCopies = sql<number>`(select count(*)::int from media_assets a where a.media_id = "media"."id" and a.kind = 'mp4' and a.bytes is not null and a.bullet_version is not distinct from "media"."bullet_version")`;

/**
 * Finished media of the last days of which the app lacks a copy of some video (a copy failed,
 * or the process died during it); older ones are left alone rather than retried forever.
 */
export async function listMissingAssets(db: DbOrTx, limit: number, finishedSince: Date, notSince: Date): Promise<{ id: string; teamId: string }[]> {
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(
      and(
        eq(media.status, "success"),
        isNotNull(media.upstreamId),
        gt(media.finishedAt, finishedSince),
        or(isNull(media.syncedAt), lt(media.syncedAt, notSince)),
        sql`${currentCopies} < ${expectedCopies}`,
      ),
    )
    .orderBy(asc(media.syncedAt))
    .limit(limit);
}

/** Does the app hold a finished copy of every video of the media's current version? */
export async function hasAllCopies(db: DbOrTx, teamId: string, mediaId: string): Promise<boolean> {
  const [row] = await db
    .select({ complete: sql<boolean>`${currentCopies} >= ${expectedCopies}` })
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)));
  return row?.complete === true;
}
