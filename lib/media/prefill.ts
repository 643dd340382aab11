import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMediaForTeam } from "@/db/queries/media";
import { listExtendableVideos } from "@/db/queries/media-assets";
import { countFinishedMedia } from "@/db/queries/media-lists";
import { getUploadsForTeam } from "@/db/queries/uploads";
import { uploadView } from "@/lib/uploads/view";
import type { Mode, SlotName, Slots, VideoOption } from "./create-form-model";
import { CREATE_DEFAULTS, type CreateParams, isUploadRef, readStoredParams } from "./create-schema";
import { motionFor } from "./motions";

// The Create form's starting point: blank, or a remix of one of the team's media with its
// settings and whichever of its inputs the team still has.

export type Initial = { mode: Mode; values: CreateParams; slots: Slots; note?: string };

const SLOTS: SlotName[] = ["firstImage", "lastImage", "personImage", "garmentImage"];

export async function initialFor(
  db: DbOrTx,
  team: { id: string; slug: string },
  remix: string | undefined,
  videos: VideoOption[],
): Promise<Initial> {
  const blank: Initial = { mode: "images", values: CREATE_DEFAULTS, slots: {} };
  if (!remix) return blank;
  const media = await getMediaForTeam(db, team.id, remix);
  if (!media) return { ...blank, note: undefined };
  const values = readStoredParams(media.params);

  const ids = SLOTS.map((s) => values[s]).filter((v): v is string => Boolean(v && isUploadRef(v)));
  const uploads = new Map((await getUploadsForTeam(db, team.id, ids)).map((u) => [u.id, u]));
  const slots: Slots = {};
  let missing = 0;
  for (const s of SLOTS) {
    const ref = values[s];
    if (!ref) continue;
    if (!isUploadRef(ref)) slots[s] = { kind: "url", url: ref };
    else if (uploads.has(ref)) slots[s] = { kind: "upload", ...uploadView(team.slug, uploads.get(ref)!) };
    else missing++;
  }
  let videoAssetId = values.videoAssetId;
  if (videoAssetId && !videos.some((v) => v.assetId === videoAssetId)) {
    videoAssetId = undefined;
    missing++;
  }
  const mode: Mode = motionFor(values.motionType).tryOn
    ? "tryon"
    : values.extendVideo
      ? "extend"
      : values.characterAnimate
        ? "character"
        : "images";
  const name = media.title ? `“${media.title}”` : "this video";
  const note = `Remixing ${name}: its settings are filled in${missing ? `; ${missing === 1 ? "one input is" : `${missing} inputs are`} no longer available, add ${missing === 1 ? "it" : "them"} again` : ""}.`;
  return { mode, values: { ...values, videoAssetId }, slots, note };
}

export type CreateFormData = { initial: Initial; videos: VideoOption[]; finishedCount: number };

/** Everything the Create page hands its form: the starting point and the videos it may extend. */
export async function loadCreateForm(
  db: DbOrTx,
  team: { id: string; slug: string },
  remix: string | undefined,
): Promise<CreateFormData> {
  const [assets, finishedCount] = await Promise.all([
    listExtendableVideos(db, team.id),
    countFinishedMedia(db, team.id),
  ]);
  const videos: VideoOption[] = assets.map((a) => ({
    assetId: a.assetId,
    mediaId: a.mediaId,
    title: a.title,
    variantKey: a.variantKey,
    createdAt: a.createdAt.toISOString(),
  }));
  return { initial: await initialFor(db, team, remix, videos), videos, finishedCount };
}
