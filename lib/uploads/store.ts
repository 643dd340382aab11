import "server-only";
import type { DbOrTx } from "@/db/client";
import { type NewUpload, recordUpload, type Upload } from "@/db/queries/uploads";
import type { Storage } from "@/lib/storage/types";
import { type VettedImage, vetImage } from "./decode";
import { THUMBNAIL_TYPE, type Thumbnail, thumbnailKey } from "./thumbnail";

// An upload through the app (local storage, or any store without a direct browser path):
// check the bytes (type, pixel count, structure, a full decode), store them without their
// metadata under a key the team owns with its thumbnail next to it, record the row.

export type StoreResult = { ok: true; upload: Upload } | { ok: false; error: string };

type StoreInput = { teamId: string; userId: string; name: string; bytes: Uint8Array };

export async function storeUpload(db: DbOrTx, storage: Storage, input: StoreInput): Promise<StoreResult> {
  const image = await vetImage(input.name, input.bytes);
  if (!image.ok) return image;
  return { ok: true, upload: await storeVetted(db, storage, input, image) };
}

/** Stores an image that passed vetImage: its cleaned bytes, under a new key of the team's. */
export async function storeVetted(
  db: DbOrTx,
  storage: Storage,
  input: Omit<StoreInput, "bytes">,
  image: VettedImage,
): Promise<Upload> {
  const id = crypto.randomUUID();
  const stored = await storage.put(`uploads/${input.teamId}/${id}.${image.ext}`, image.bytes, image.contentType);
  const row = {
    teamId: input.teamId,
    uploadedBy: input.userId,
    storage: storage.kind,
    storageKey: stored.key,
    url: stored.url,
    name: cleanName(input.name, image.ext),
    contentType: image.contentType,
    bytes: stored.bytes,
  };
  return recordWithThumbnail(db, storage, row, image.thumbnail, id);
}

/**
 * Stores the thumbnail, then records the upload with it. A thumbnail that cannot be stored leaves
 * the upload without one (pictures fall back to the upload); one made for a row already recorded
 * (uploadthing reporting a file twice) is removed again.
 */
export async function recordWithThumbnail(
  db: DbOrTx,
  storage: Storage,
  row: Omit<NewUpload, "thumbnailKey">,
  thumbnail: Thumbnail,
  id: string = crypto.randomUUID(),
): Promise<Upload> {
  const thumb = await storage
    .put(thumbnailKey(row.teamId, id), thumbnail.bytes, THUMBNAIL_TYPE)
    .then((s) => s.key)
    .catch(() => null);
  const upload = await recordUpload(db, { ...row, thumbnailKey: thumb });
  if (thumb && upload.thumbnailKey !== thumb) await storage.delete(thumb).catch(() => {});
  return upload;
}

/** A display name only (never a path): the last segment, printable, bounded. */
export function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[^\p{L}\p{N}._ -]/gu, "")
    .trim()
    .slice(0, 120);
  return base || `image.${ext}`;
}
