import type { CardAsset } from "@/db/queries/media-assets";
import type { GalleryRow } from "@/db/queries/media-lists";
import { urls } from "@/lib/urls";
import { isUploadRef } from "./create-schema";
import { MOTIONS } from "./motions";
import { copiesComplete, type LiveItem } from "./status";

export type CardData = {
  id: string;
  href: string;
  title: string;
  motionLabel: string;
  creator: string;
  createdAt: string;
  posterUrl: string | null;
  videoUrl: string | null;
  /** The photo it is made from (its thumbnail): a blurred backdrop until there is a video. */
  inputUrl: string | null;
  live: LiveItem;
  /** The viewer favourited it. */
  favourite: boolean;
};

// Server side: gallery rows and their stored copies → what a card shows. The poster and the
// preview come from the app's own copies (never upstream's URLs, which may expire).

export const motionLabel = (id: string) => MOTIONS.find((m) => m.id === id)?.label ?? id;

/**
 * The team's own upload as its small thumbnail (the route answers with the upload itself for
 * one made before thumbnails), served to members; links elsewhere are not fetched into the page.
 */
export const inputThumbnailUrl = (team: string, ref: string | null | undefined) =>
  ref && isUploadRef(ref) ? urls.uploadThumbnail(team, ref) : null;

const versionNumber = (v: string | null) => (v !== null && /^\d+$/.test(v) ? Number(v) : -1);

/** The copies to show: the current version's, else (re-rendering) the latest one the app holds. */
export function showableAssets<T extends Pick<CardAsset, "bulletVersion" | "variantKey" | "kind">>(
  assets: T[],
  current: string | null,
): T[] {
  const ofCurrent = assets.filter((a) => a.bulletVersion === current);
  if (ofCurrent.some((a) => a.kind === "mp4")) return ofCurrent;
  const latest = Math.max(-1, ...assets.filter((a) => a.kind === "mp4").map((a) => versionNumber(a.bulletVersion)));
  return latest < 0 ? ofCurrent : assets.filter((a) => versionNumber(a.bulletVersion) === latest);
}

const byVariant = (a: { variantKey: string }, b: { variantKey: string }) =>
  a.variantKey.localeCompare(b.variantKey, "en", { numeric: true });

export function toCards(
  team: string,
  rows: GalleryRow[],
  assets: CardAsset[],
  favourites: ReadonlySet<string> = new Set(),
): CardData[] {
  const byMedia = new Map<string, CardAsset[]>();
  for (const a of assets) byMedia.set(a.mediaId, [...(byMedia.get(a.mediaId) ?? []), a]);
  return rows.map((r) => {
    const shown = showableAssets(byMedia.get(r.id) ?? [], r.bulletVersion).sort(byVariant);
    const mp4 = shown.find((a) => a.kind === "mp4");
    const poster =
      shown.find((a) => a.kind === "poster" && (!mp4 || a.variantKey === mp4.variantKey)) ??
      shown.find((a) => a.kind === "poster");
    const copies = shown.filter((a) => a.kind === "mp4" && a.bulletVersion === r.bulletVersion).length;
    const ready = copiesComplete({ status: r.status, copies, expected: r.expected, finishedAt: r.finishedAt });
    return {
      id: r.id,
      href: urls.media(team, r.id),
      title: r.title,
      motionLabel: motionLabel(r.motionType),
      creator: r.creatorName ?? r.creatorEmail ?? "Former member",
      createdAt: r.createdAt.toISOString(),
      posterUrl: poster ? urls.asset(team, r.id, poster.id) : null,
      videoUrl: mp4 ? urls.asset(team, r.id, mp4.id) : null,
      inputUrl: inputThumbnailUrl(team, r.inputImage),
      live: { id: r.id, status: r.status, progress: r.progress, ready },
      favourite: favourites.has(r.id),
    };
  });
}
