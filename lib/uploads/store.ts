import "server-only";
import type { DbOrTx } from "@/db/client";
import { recordUpload, type Upload } from "@/db/queries/uploads";
import type { Storage } from "@/lib/storage/types";
import { urls } from "@/lib/urls";
import { type VettedImage, vetImage } from "./decode";

// An upload through the app (local storage, or any store without a direct browser path):
// check the bytes (type, pixel count, structure, a full decode), store them without their
// metadata under a key the team owns, record the row.

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
  const key = `uploads/${input.teamId}/${crypto.randomUUID()}.${image.ext}`;
  const stored = await storage.put(key, image.bytes, image.contentType);
  return recordUpload(db, {
    teamId: input.teamId,
    uploadedBy: input.userId,
    storage: storage.kind,
    storageKey: stored.key,
    url: stored.url,
    name: cleanName(input.name, image.ext),
    contentType: image.contentType,
    bytes: stored.bytes,
  });
}

/** A display name only (never a path): the last segment, printable, bounded. */
export function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[^\p{L}\p{N}._ -]/gu, "")
    .trim()
    .slice(0, 120);
  return base || `image.${ext}`;
}

/** What the browser is told about an upload: never a storage key. */
export type UploadView = { id: string; name: string; contentType: string; bytes: number; previewUrl: string };

export function uploadView(teamSlug: string, u: Upload): UploadView {
  return {
    id: u.id,
    name: u.name,
    contentType: u.contentType,
    bytes: u.bytes,
    previewUrl: u.url ?? urls.upload(teamSlug, u.id),
  };
}
