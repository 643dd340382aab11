import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getMediaForTeam } from "@/db/queries/media";
import { listAssetsForMedia } from "@/db/queries/media-assets";
import { isRefused, recordRefusal } from "@/db/queries/upstream-refusals";
import { attachment, serveStored } from "@/lib/http/serve-file";
import type { Storage } from "@/lib/storage/types";
import { slugify } from "@/lib/text";
import { VimmerseError } from "@/lib/vimmerse";
import { GIF, refusesObjectType } from "./copies";
import { clientFor, type Upstream } from "./deps";
import { describeUpstreamError } from "./errors";

// A download of one of the team's videos: the original from the app's own copy; a resized or
// size-capped file made by upstream with the server-held key and streamed through. Named like
// "sunset-parallax1-480-4mb.mp4".

const choice = <T extends string>(values: readonly T[]) =>
  z.preprocess(
    (v) => (v === "" || v === "original" || v === "none" || v == null ? undefined : v),
    z.enum(values).optional(),
  );

export const downloadQuery = z.object({
  variant: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,64}$/)
      .optional(),
  ),
  format: z.preprocess((v) => (v == null || v === "" ? "mp4" : v), z.enum(["mp4", "gif"])),
  width: choice(["1080", "720", "480"] as const).transform((v) => (v ? Number(v) : undefined)),
  size: choice(["16", "8", "4", "2", "1"] as const).transform((v) => (v ? Number(v) : undefined)),
});

export const DOWNLOAD_HELP =
  "Pick a variant, MP4 or GIF, a width of 1080, 720 or 480, and a size cap of 16, 8, 4, 2 or 1 MB.";

export const NO_GIFS = "Vimmerse doesn't make GIFs of this video. Download the MP4 instead.";

const text = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

export async function downloadMedia(
  deps: { db: DbOrTx; client: Upstream; storage: Storage },
  teamId: string,
  mediaId: string,
  q: z.output<typeof downloadQuery>,
  request: Request,
): Promise<Response> {
  const media = await getMediaForTeam(deps.db, teamId, mediaId);
  if (!media) return text(404, "Not found");
  const copies = (await listAssetsForMedia(deps.db, teamId, media.id))
    .filter((a) => a.bulletVersion === media.bulletVersion)
    .sort((a, b) => a.variantKey.localeCompare(b.variantKey, "en", { numeric: true }));
  const variant = q.variant ?? copies.find((a) => a.kind === "mp4")?.variantKey ?? `${media.motionType}1`;
  const stem = slugify(media.title, { max: 60, fallback: "video" });
  const name = `${stem}-${variant.toLowerCase()}${q.width ? `-${q.width}` : ""}${q.size ? `-${q.size}mb` : ""}.${q.format}`;

  if (!q.width && !q.size) {
    const copy = copies.find((a) => a.kind === q.format && a.variantKey === variant);
    const meta = { contentType: copy?.contentType, bytes: copy?.bytes, downloadName: name };
    const served = copy && (await serveStored(request, deps.storage, copy.storageKey, meta));
    if (served) return served;
  }
  if (media.status !== "success" || !media.upstreamId) return text(409, "This video isn't ready yet.");
  if (q.format === "gif" && (await isRefused(deps.db, GIF))) return text(409, NO_GIFS);
  try {
    const client = await clientFor(deps.client, teamId);
    const d = await client.download(media.upstreamId, {
      objectType: q.format === "gif" ? "bullet_video_gif" : "bullet_video_mp4",
      motionType: variant,
      width: q.width,
      fileSize: q.size,
      signal: request.signal,
    });
    const headers: Record<string, string> = {
      "content-type": q.format === "gif" ? "image/gif" : "video/mp4",
      "content-disposition": attachment(name),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    };
    if (d.contentLength !== undefined) headers["content-length"] = String(d.contentLength);
    return new Response(d.body, { headers });
  } catch (err) {
    if (q.format === "gif" && refusesObjectType(err)) {
      await recordRefusal(deps.db, GIF, err instanceof VimmerseError ? err.code : null);
      return text(409, NO_GIFS);
    }
    const problem = describeUpstreamError(err, "download");
    return text(problem.httpStatus, problem.error);
  }
}
