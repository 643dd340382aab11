import "server-only";
import sharp, { type Metadata, type Sharp, type SharpOptions } from "sharp";
import type { ImageType } from "./limits";
import { MAX_IMAGE_LABEL, MAX_IMAGE_PIXELS } from "./limits";
import { checkImage, FORMAT_LABEL, fileLabel, type ImageCheck, withinPixelLimits } from "./magic";
import { type Thumbnail, thumbnailOf } from "./thumbnail";

// The whole check of an uploaded image, before it is stored: the byte checks of magic.ts (type,
// header pixel count, structure), then a full decode with sharp (libvips) under the same pixel
// limit, so a file whose headers hold together but whose pixels do not is refused too. What is
// stored carries no EXIF, XMP, IPTC or text comments (a phone photo's GPS position): an image
// that has any is re-encoded without them, turned upright first as its EXIF orientation said.
// The same pass makes the small WebP thumbnail that cards and previews show (thumbnail.ts).

export type VettedImage = Extract<ImageCheck, { ok: true }> & {
  /** The bytes to store: the upload's own, or its re-encoding without metadata. */
  bytes: Uint8Array;
  stripped: boolean;
  thumbnail: Thumbnail;
};
export type VetResult = VettedImage | { ok: false; error: string };

const SHARP_FORMAT: Record<ImageType, Metadata["format"]> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
};

const decoderOptions: SharpOptions = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error", sequentialRead: true };

/** Metadata that may say who, where or what: EXIF (GPS, camera serials), XMP, IPTC, PNG text. */
export function hasPrivateMetadata(meta: Metadata): boolean {
  return Boolean(meta.exif || meta.xmp || meta.iptc || meta.tifftagPhotoshop || meta.comments?.length);
}

function encodeAs(image: Sharp, type: ImageType, lossless: boolean): Sharp {
  if (type === "image/png") return image.png();
  if (type === "image/jpeg") return image.jpeg({ quality: 92 });
  return lossless ? image.webp({ lossless: true }) : image.webp({ quality: 92 });
}

export async function vetImage(name: string, bytes: Uint8Array): Promise<VetResult> {
  const check = checkImage(name, bytes);
  if (!check.ok) return check;
  const label = fileLabel(name);
  const damaged = {
    ok: false as const,
    error: `${label} is a damaged ${FORMAT_LABEL[check.contentType]} image: it could not be decoded. Save or export it again, then upload it.`,
  };
  try {
    const meta = await sharp(bytes, decoderOptions).metadata();
    if (meta.format !== SHARP_FORMAT[check.contentType]) return damaged;
    if (!withinPixelLimits(meta.width, meta.height))
      return {
        ok: false,
        error: `${label} is ${meta.width}×${meta.height} pixels; images can be at most ${MAX_IMAGE_LABEL}.`,
      };
    const decoded = sharp(bytes, decoderOptions).autoOrient();
    if (!hasPrivateMetadata(meta)) {
      // The thumbnail reads every pixel (streamed, so memory stays near one strip of rows): it is
      // the full decode, and a file that fails it is refused.
      return { ...check, bytes, stripped: false, thumbnail: await thumbnailOf(decoded) };
    }
    const [out, thumbnail] = await Promise.all([
      encodeAs(decoded.clone(), check.contentType, check.lossless).toBuffer({ resolveWithObject: true }),
      thumbnailOf(decoded.clone()),
    ]);
    return {
      ...check,
      width: out.info.width,
      height: out.info.height,
      bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
      stripped: true,
      thumbnail,
    };
  } catch {
    return damaged;
  }
}
