import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { mediaAssets } from "../media-schema";

// Reads of the app's own copies of finished files, for playing and downloading. Unfinished
// copies (bytes still null: a copy in progress) are never served.

export type StoredAsset = typeof mediaAssets.$inferSelect;

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** One file of one of the team's media; another team's (or a mismatched media) answers null. */
export async function getAssetForMedia(db: DbOrTx, teamId: string, mediaId: string, assetId: string): Promise<StoredAsset | null> {
  if (!isUuid(mediaId) || !isUuid(assetId)) return null;
  const [row] = await db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.mediaId, mediaId), eq(mediaAssets.id, assetId), isNotNull(mediaAssets.bytes)))
    .limit(1);
  return row ?? null;
}

/** Every finished copy of a media, newest version first. */
export async function listAssetsForMedia(db: DbOrTx, teamId: string, mediaId: string): Promise<StoredAsset[]> {
  if (!isUuid(mediaId)) return [];
  return db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.mediaId, mediaId), isNotNull(mediaAssets.bytes)))
    .orderBy(desc(mediaAssets.createdAt));
}
