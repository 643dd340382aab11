import { and, desc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { currentCopies, expectedCopies, type MediaStatus, media, mediaAssets } from "../media-schema";

// The app's own copies of finished files (videos, GIFs, posters). A copy is claimed first (a row
// with no size), then completed; unfinished copies are never served. Every function takes the team.

export type StoredAsset = typeof mediaAssets.$inferSelect;
export type AssetKind = StoredAsset["kind"];

const assetsOf = (teamId: string, mediaId: string) =>
  and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.mediaId, mediaId));

/** One file of one of the team's media; another team's (or a mismatched media) answers null. */
export async function getAssetForMedia(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  assetId: string,
): Promise<StoredAsset | null> {
  if (!isUuid(mediaId) || !isUuid(assetId)) return null;
  const [row] = await db
    .select()
    .from(mediaAssets)
    .where(and(assetsOf(teamId, mediaId), eq(mediaAssets.id, assetId), isNotNull(mediaAssets.bytes)))
    .limit(1);
  return row ?? null;
}

/** Every finished copy of a media, newest version first. */
export async function listAssetsForMedia(db: DbOrTx, teamId: string, mediaId: string): Promise<StoredAsset[]> {
  if (!isUuid(mediaId)) return [];
  return db
    .select()
    .from(mediaAssets)
    .where(and(assetsOf(teamId, mediaId), isNotNull(mediaAssets.bytes)))
    .orderBy(desc(mediaAssets.createdAt));
}

/** Every copy of one version, finished or claimed. */
export async function listAssetsForVersion(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  bulletVersion: string,
): Promise<StoredAsset[]> {
  return db
    .select()
    .from(mediaAssets)
    .where(and(assetsOf(teamId, mediaId), eq(mediaAssets.bulletVersion, bulletVersion)));
}

export type CardAsset = Pick<StoredAsset, "id" | "mediaId" | "kind" | "variantKey" | "bulletVersion">;

/** The finished copies of the given media (one page's worth), for posters and previews. */
export async function listCardAssets(db: DbOrTx, teamId: string, mediaIds: string[]): Promise<CardAsset[]> {
  if (mediaIds.length === 0) return [];
  return db
    .select({
      id: mediaAssets.id,
      mediaId: mediaAssets.mediaId,
      kind: mediaAssets.kind,
      variantKey: mediaAssets.variantKey,
      bulletVersion: mediaAssets.bulletVersion,
    })
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), inArray(mediaAssets.mediaId, mediaIds), isNotNull(mediaAssets.bytes)));
}

/**
 * Takes the right to copy one file: the row goes in first with no size (unfinished), so of two
 * concurrent syncs only one downloads; the unique index (media, version, variant, kind) decides.
 */
export async function claimAsset(
  db: DbOrTx,
  row: {
    teamId: string;
    mediaId: string;
    generationId: string | null;
    bulletVersion: string;
    variantKey: string;
    kind: AssetKind;
    storageKey: string;
    contentType: string;
  },
): Promise<StoredAsset | null> {
  const [claimed] = await db
    .insert(mediaAssets)
    .values({ ...row, bytes: null })
    .onConflictDoNothing({
      target: [mediaAssets.mediaId, mediaAssets.bulletVersion, mediaAssets.variantKey, mediaAssets.kind],
    })
    .returning();
  return claimed ?? null;
}

export async function completeAsset(
  db: DbOrTx,
  teamId: string,
  assetId: string,
  done: { storageKey: string; bytes: number; contentType: string },
): Promise<void> {
  await db
    .update(mediaAssets)
    .set(done)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.id, assetId)));
}

/** Drops an unfinished claim (the copy failed) so a later sync tries again. */
export async function releaseAsset(db: DbOrTx, teamId: string, assetId: string): Promise<void> {
  await db
    .delete(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.id, assetId), isNull(mediaAssets.bytes)));
}

/** Removes unfinished claims made before `before` (a crashed copy), so they can be taken again. */
export async function releaseClaimsBefore(db: DbOrTx, teamId: string, mediaId: string, before: Date): Promise<void> {
  await db
    .delete(mediaAssets)
    .where(and(assetsOf(teamId, mediaId), isNull(mediaAssets.bytes), lt(mediaAssets.createdAt, before)));
}

/** Does the app hold a finished copy of every video of the media's current version? */
export async function hasAllCopies(db: DbOrTx, teamId: string, mediaId: string): Promise<boolean> {
  const [row] = await db
    .select({ complete: sql<boolean>`${currentCopies} >= ${expectedCopies}` })
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)));
  return row?.complete === true;
}

export type ExtendableVideo = {
  assetId: string;
  mediaId: string;
  title: string;
  variantKey: string;
  storageKey: string;
  createdAt: Date;
};

const extendable = {
  assetId: mediaAssets.id,
  mediaId: media.id,
  title: media.title,
  variantKey: mediaAssets.variantKey,
  storageKey: mediaAssets.storageKey,
  createdAt: mediaAssets.createdAt,
};

/** The team's finished videos the app holds its own copy of: the ones upstream can be sent. */
export async function listExtendableVideos(db: DbOrTx, teamId: string, limit = 50): Promise<ExtendableVideo[]> {
  return db
    .select(extendable)
    .from(mediaAssets)
    .innerJoin(media, and(eq(media.id, mediaAssets.mediaId), eq(media.teamId, teamId)))
    .where(
      and(
        eq(mediaAssets.teamId, teamId),
        eq(mediaAssets.kind, "mp4"),
        eq(media.status, "success"),
        // A trashed video is not offered to extend (nor accepted: getExtendableVideo).
        isNull(media.deletedAt),
      ),
    )
    .orderBy(desc(mediaAssets.createdAt))
    .limit(limit);
}

export async function getExtendableVideo(db: DbOrTx, teamId: string, assetId: string): Promise<ExtendableVideo | null> {
  if (!isUuid(assetId)) return null;
  const [row] = await db
    .select(extendable)
    .from(mediaAssets)
    .innerJoin(media, and(eq(media.id, mediaAssets.mediaId), eq(media.teamId, teamId)))
    .where(
      and(
        eq(mediaAssets.teamId, teamId),
        eq(mediaAssets.id, assetId),
        eq(mediaAssets.kind, "mp4"),
        eq(media.status, "success"),
        isNull(media.deletedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type ZipSource = {
  mediaId: string;
  title: string;
  motionType: string;
  status: MediaStatus;
  variantKey: string | null;
  storageKey: string | null;
  bytes: number | null;
};

/**
 * The team's media of these ids that are in its library (not trashed), each with the finished MP4
 * copies of its current version: one row per copy, or one row of null copy fields for a media
 * that has none yet. Another team's ids and unknown ids give no row.
 */
export async function listZipSources(db: DbOrTx, teamId: string, mediaIds: string[]): Promise<ZipSource[]> {
  const ids = mediaIds.filter(isUuid);
  if (ids.length === 0) return [];
  return db
    .select({
      mediaId: media.id,
      title: media.title,
      motionType: media.motionType,
      status: media.status,
      variantKey: mediaAssets.variantKey,
      storageKey: mediaAssets.storageKey,
      bytes: mediaAssets.bytes,
    })
    .from(media)
    .leftJoin(
      mediaAssets,
      and(
        eq(mediaAssets.mediaId, media.id),
        eq(mediaAssets.teamId, teamId),
        eq(mediaAssets.kind, "mp4"),
        isNotNull(mediaAssets.bytes),
        sql`${mediaAssets.bulletVersion} is not distinct from ${media.bulletVersion}`,
      ),
    )
    .where(and(eq(media.teamId, teamId), inArray(media.id, ids), isNull(media.deletedAt)));
}
