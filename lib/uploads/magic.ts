import { ACCEPTED_LABEL, IMAGE_TYPES, type ImageType, MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "./limits";

// A file is what its bytes say, not what its name or the browser claims: a renamed .exe
// stays an .exe. Only the signatures of the formats upstream accepts pass.

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

export type ImageCheck =
  | { ok: true; contentType: ImageType; ext: (typeof IMAGE_TYPES)[ImageType] }
  | { ok: false; error: string };

export function checkImage(name: string, bytes: Uint8Array): ImageCheck {
  const label = name ? `"${name}"` : "That file";
  if (bytes.byteLength === 0) return { ok: false, error: `${label} is empty.` };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: `${label} is larger than ${MAX_UPLOAD_LABEL}.` };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: `${label} is not a ${ACCEPTED_LABEL} image.` };
  return { ok: true, contentType: type, ext: IMAGE_TYPES[type] };
}
