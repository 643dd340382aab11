import type { Upload } from "@/db/queries/uploads";
import { urls } from "@/lib/urls";

// What pages and routes show of an upload. Apart from lib/uploads/store.ts on purpose: storing
// decodes the image with sharp (19 MB of libvips), and a page that only shows uploads must not
// import it, or every page function on Vercel carries it.

/** What the browser is told about an upload: never a storage key. */
export type UploadView = { id: string; name: string; contentType: string; bytes: number; previewUrl: string };

/** What a page shows of an upload: its thumbnail, or the upload itself for one made before thumbnails. */
const previewUrlOf = (teamSlug: string, u: Pick<Upload, "id" | "url" | "thumbnailKey">) =>
  u.thumbnailKey ? urls.uploadThumbnail(teamSlug, u.id) : (u.url ?? urls.upload(teamSlug, u.id));

export function uploadView(teamSlug: string, u: Upload): UploadView {
  return {
    id: u.id,
    name: u.name,
    contentType: u.contentType,
    bytes: u.bytes,
    previewUrl: previewUrlOf(teamSlug, u),
  };
}
