import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaInput } from "@/db/media-schema";
import { getExtendableVideo } from "@/db/queries/media-assets";
import { getUploadsForTeam } from "@/db/queries/uploads";
import { type CreateParams, isUploadRef } from "./create-schema";

// Turns the form's image and video references into the media's stored inputs. Uploads and
// videos are looked up within the team only: another team's id reads as "not available".

const ROLE = { firstImage: "first", lastImage: "last", personImage: "person", garmentImage: "garment" } as const;
type ImageField = keyof typeof ROLE;

export type ResolvedInputs = { ok: true; inputs: MediaInput[] } | { ok: false; fieldErrors: Record<string, string[]> };

export async function resolveInputs(db: DbOrTx, teamId: string, params: CreateParams): Promise<ResolvedInputs> {
  const fields = (Object.keys(ROLE) as ImageField[]).filter((f) => params[f]);
  const uploadIds = fields.map((f) => params[f]!).filter(isUploadRef);
  const uploads = new Map((await getUploadsForTeam(db, teamId, uploadIds)).map((u) => [u.id, u]));
  const inputs: MediaInput[] = [];
  const fieldErrors: Record<string, string[]> = {};

  for (const field of fields) {
    const ref = params[field]!;
    if (!isUploadRef(ref)) {
      inputs.push({ role: ROLE[field], url: ref });
      continue;
    }
    const u = uploads.get(ref);
    if (!u) {
      fieldErrors[field] = ["That image is not available any more; upload it again."];
      continue;
    }
    inputs.push({
      role: ROLE[field],
      key: u.storageKey,
      ...(u.url ? { url: u.url } : {}),
      contentType: u.contentType,
      name: u.name,
    });
  }

  if (params.videoAssetId && (params.extendVideo || params.characterAnimate)) {
    const video = await getExtendableVideo(db, teamId, params.videoAssetId);
    if (!video) fieldErrors.videoAssetId = ["That video is not available; pick one of your team's finished videos."];
    else
      inputs.push({
        role: "video",
        key: video.storageKey,
        contentType: "video/mp4",
        name: video.title || video.variantKey,
      });
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, inputs };
}
