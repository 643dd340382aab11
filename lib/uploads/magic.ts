import { inspectImage } from "./image-structure";
import {
  ACCEPTED_LABEL,
  IMAGE_TYPES,
  type ImageType,
  MAX_IMAGE_LABEL,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_LABEL,
} from "./limits";

// A file is what its bytes say, not what its name or the browser claims: a renamed .exe
// stays an .exe. Only the signatures of the formats upstream accepts pass, and only whole files
// whose header asks for no more pixels than the limits (a small PNG can claim 16000×16000).

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The image type from the file's first bytes, or null when it is none we accept. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}

export const FORMAT_LABEL: Record<ImageType, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
};

export type ImageCheck =
  | {
      ok: true;
      contentType: ImageType;
      ext: (typeof IMAGE_TYPES)[ImageType];
      width: number;
      height: number;
      lossless: boolean;
    }
  | { ok: false; error: string };

export const fileLabel = (name: string) => (name ? `"${name}"` : "That file");

/** Within the limits a decoder can afford: so many pixels a side and in all. */
export const withinPixelLimits = (width: number, height: number) =>
  width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS;

/** The checks that need no decoder: size, type, the header's pixel count, the file's structure. */
export function checkImage(name: string, bytes: Uint8Array): ImageCheck {
  const label = fileLabel(name);
  if (bytes.byteLength === 0) return { ok: false, error: `${label} is empty.` };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: `${label} is larger than ${MAX_UPLOAD_LABEL}.` };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: `${label} is not a ${ACCEPTED_LABEL} image.` };
  const s = inspectImage(type, bytes);
  // The pixel count first: a bomb is refused for what it asks, whatever else is wrong with it.
  if (s.width !== undefined && s.height !== undefined && !withinPixelLimits(s.width, s.height))
    return { ok: false, error: `${label} is ${s.width}×${s.height} pixels; images can be at most ${MAX_IMAGE_LABEL}.` };
  if (s.problem || s.width === undefined || s.height === undefined)
    return {
      ok: false,
      error: `${label} is a damaged ${FORMAT_LABEL[type]} image: ${s.problem ?? "it has no size"}. Save or export it again, then upload it.`,
    };
  return {
    ok: true,
    contentType: type,
    ext: IMAGE_TYPES[type],
    width: s.width,
    height: s.height,
    lossless: s.lossless === true,
  };
}
