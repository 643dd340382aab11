import "server-only";
import type { DbOrTx } from "@/db/client";
import { recordUpload, type Upload } from "@/db/queries/uploads";
import type { Storage } from "@/lib/storage/types";
import { urls } from "@/lib/urls";
import { checkImage } from "./magic";

// An upload through the app (local storage, or any store without a direct browser path):
// check the bytes, store under a key the team owns, record the row.

export type StoreResult = { ok: true; upload: Upload } | { ok: false; error: string };

export async function storeUpload(
  db: DbOrTx,
  storage: Storage,
  input: { teamId: string; userId: string; name: string; bytes: Uint8Array },
): Promise<StoreResult> {
  const check = checkImage(input.name, input.bytes);
  if (!check.ok) return check;
  const key = `uploads/${input.teamId}/${crypto.randomUUID()}.${check.ext}`;
  const stored = await storage.put(key, input.bytes, check.contentType);
  const upload = await recordUpload(db, {
    teamId: input.teamId,
    uploadedBy: input.userId,
    storage: storage.kind,
    storageKey: stored.key,
    url: stored.url,
    name: cleanName(input.name, check.ext),
    contentType: check.contentType,
    bytes: stored.bytes,
  });
  return { ok: true, upload };
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
