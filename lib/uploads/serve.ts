import "server-only";
import type { Upload } from "@/db/queries/uploads";
import type { Storage } from "@/lib/storage/types";
import { THUMBNAIL_TYPE } from "./thumbnail";

// An upload or its thumbnail, streamed to a member (the route has checked the team). A thumbnail
// never changes once made (its key is new each time), so browsers keep it; an upload made before
// thumbnails answers its thumbnail address with the upload itself, cached briefly in case one is
// made for it later.

const IMMUTABLE = "private, max-age=31536000, immutable";
const BRIEF = "private, max-age=3600";

export async function serveUpload(
  storage: Storage,
  upload: Upload,
  want: "upload" | "thumbnail",
): Promise<Response | null> {
  if (want === "thumbnail" && upload.thumbnailKey) {
    const file = await storage.get(upload.thumbnailKey).catch(() => null);
    return file && respond(file.body, THUMBNAIL_TYPE, IMMUTABLE);
  }
  if (upload.url) return new Response(null, { status: 302, headers: { location: upload.url, "cache-control": BRIEF } });
  const file = await storage.get(upload.storageKey).catch(() => null);
  return file && respond(file.body, upload.contentType, BRIEF);
}

function respond(body: ReadableStream<Uint8Array>, contentType: string, cache: string): Response {
  return new Response(body, {
    headers: { "content-type": contentType, "cache-control": cache, "x-content-type-options": "nosniff" },
  });
}
