import { z } from "zod";
import { getDb } from "@/db/client";
import { getMediaForTeam } from "@/db/queries/media";
import { listAssetsForMedia } from "@/db/queries/media-assets";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { getStorage } from "@/lib/storage";
import { getVimmerse } from "@/lib/upstream";
import { BadRequestError, NotFoundError, RateLimitedError, UpstreamUnavailableError, VimmerseError } from "@/lib/vimmerse";
import { attachment, fileStem, serveStored } from "../../serve";

// GET /api/t/<team>/media/<id>/download?variant=Parallax1&format=mp4&width=720&size=4
// The original comes from the app's own copy; a resized or size-capped file is made by upstream
// with the server-held key and streamed through. Members only; a name like "sunset-parallax1.mp4".

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const choice = <T extends string>(values: readonly T[]) =>
  z.preprocess((v) => (v === "" || v === "original" || v === "none" || v == null ? undefined : v), z.enum(values).optional());

const query = z.object({
  variant: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().regex(/^[A-Za-z0-9]{1,64}$/).optional()),
  format: z.preprocess((v) => (v == null || v === "" ? "mp4" : v), z.enum(["mp4", "gif"])),
  width: choice(["1080", "720", "480"] as const).transform((v) => (v ? Number(v) : undefined)),
  size: choice(["16", "8", "4", "2", "1"] as const).transform((v) => (v ? Number(v) : undefined)),
});

type Ctx = { params: Promise<{ team: string; id: string }> };

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

function upstreamFailure(err: unknown): Response {
  if (err instanceof NotFoundError) return text(404, "Vimmerse no longer has this video.");
  if (err instanceof UpstreamUnavailableError || err instanceof RateLimitedError) return text(503, "Vimmerse can't be reached right now. Try the download again in a moment.");
  if (err instanceof BadRequestError && err.code === "FILE_SIZE_TOO_SMALL") return text(422, "That file size is too small for this video. Pick a larger cap.");
  if (err instanceof BadRequestError && err.code === "MEDIA_NOT_READY") return text(409, "This video isn't ready yet.");
  if (err instanceof VimmerseError) return text(502, `Vimmerse couldn't make that file (${err.code ?? err.status ?? "error"}).`);
  throw err;
}

export async function GET(request: Request, { params }: Ctx) {
  const { team: slug, id } = await params;
  let teamId: string;
  try {
    teamId = (await authorizeTeam(slug)).team.id;
  } catch (err) {
    if (err instanceof AccessDenied) return text(404, "Not found");
    throw err;
  }
  const db = getDb();
  const media = await getMediaForTeam(db, teamId, id);
  if (!media) return text(404, "Not found");
  const sp = new URL(request.url).searchParams;
  const parsed = query.safeParse(Object.fromEntries(["variant", "format", "width", "size"].map((k) => [k, sp.get(k)])));
  if (!parsed.success) return text(400, "Pick a variant, MP4 or GIF, a width of 1080, 720 or 480, and a size cap of 16, 8, 4, 2 or 1 MB.");
  const q = parsed.data;

  const copies = (await listAssetsForMedia(db, teamId, media.id))
    .filter((a) => a.bulletVersion === media.bulletVersion)
    .sort((a, b) => a.variantKey.localeCompare(b.variantKey, "en", { numeric: true }));
  const variant = q.variant ?? copies.find((a) => a.kind === "mp4")?.variantKey ?? `${media.motionType}1`;
  const name = `${fileStem(media.title)}-${variant.toLowerCase()}${q.width ? `-${q.width}` : ""}${q.size ? `-${q.size}mb` : ""}.${q.format}`;

  if (!q.width && !q.size) {
    const copy = copies.find((a) => a.kind === q.format && a.variantKey === variant);
    const served = copy && (await serveStored(request, getStorage(), copy.storageKey, { contentType: copy.contentType, bytes: copy.bytes, downloadName: name }));
    if (served) return served;
  }
  if (media.status !== "success" || !media.upstreamId) return text(409, "This video isn't ready yet.");
  try {
    const d = await getVimmerse().download(media.upstreamId, {
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
    return upstreamFailure(err);
  }
}
