import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Media } from "@/db/queries/media";
import { listAssetsForMedia, type StoredAsset } from "@/db/queries/media-assets";
import { readStoredParams } from "@/lib/media/create-schema";
import { showableAssets } from "@/lib/media/gallery-cards";

// What a link shows of its media: the first stored MP4 of the version the team sees (the latest
// finished one while a re-render runs) and its poster. Nothing else of the media is ever served.

export type SharedCopy = { video: StoredAsset; poster: StoredAsset | null; width: number; height: number };

const byVariant = (a: StoredAsset, b: StoredAsset) => a.variantKey.localeCompare(b.variantKey, "en", { numeric: true });

export async function sharedCopy(db: DbOrTx, media: Media): Promise<SharedCopy | null> {
  const shown = showableAssets(await listAssetsForMedia(db, media.teamId, media.id), media.bulletVersion).sort(
    byVariant,
  );
  const video = shown.find((a) => a.kind === "mp4");
  if (!video) return null;
  const posters = shown.filter((a) => a.kind === "poster");
  const poster = posters.find((a) => a.variantKey === video.variantKey) ?? posters[0] ?? null;
  return { video, poster, ...frameOf(readStoredParams(media.params).aspectRatio) };
}

/** A player size for the unfurl cards, from the aspect ratio the video was made in (720 p tall side). */
function frameOf(ratio: string): { width: number; height: number } {
  const [w, h] = ratio.split(":").map(Number);
  if (!w || !h) return { width: 1280, height: 720 };
  return w >= h ? { width: Math.round((720 * w) / h), height: 720 } : { width: 720, height: Math.round((720 * h) / w) };
}
