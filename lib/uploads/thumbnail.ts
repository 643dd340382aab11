import type { Sharp } from "sharp";

// The small picture that cards and previews show instead of the upload itself: a teammate's
// gallery then loads some tens of KB per card, never a 40-megapixel original. The upload stays
// what is sent to Vimmerse.

/** The longest side of a thumbnail; smaller images keep their size (never upscaled). */
export const THUMBNAIL_SIDE = 480;
export const THUMBNAIL_TYPE = "image/webp";

export type Thumbnail = { bytes: Uint8Array; width: number; height: number };

/** A WebP of the decoded image, fitted within THUMBNAIL_SIDE; sharp writes no metadata unless asked. */
export async function thumbnailOf(image: Sharp): Promise<Thumbnail> {
  const out = await image
    .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
    width: out.info.width,
    height: out.info.height,
  };
}

/** Stored next to its upload: uploads/<team>/<id>.thumb.webp. */
export const thumbnailKey = (teamId: string, id: string) => `uploads/${teamId}/${id}.thumb.webp`;
