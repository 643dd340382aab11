// What the Create page accepts, shared by the browser (to say it up front) and the server
// (to enforce it). The API takes PNG, JPEG and WebP stills.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = "10 MB";
/** What a request may carry beyond the image itself: multipart boundaries, part headers, the name. */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;
/** Pixels, not bytes, are what decoding costs: a 243 KB PNG can claim 16000×16000. */
export const MAX_IMAGE_SIDE = 8000;
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_LABEL = `${MAX_IMAGE_SIDE} pixels a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`;
/** Per request: the most images one Create can use (first + last, or person + garment). */
export const MAX_FILES_PER_REQUEST = 4;

export const IMAGE_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
} as const;
export type ImageType = keyof typeof IMAGE_TYPES;

export const ACCEPT_ATTR = Object.keys(IMAGE_TYPES).join(",");
export const ACCEPTED_LABEL = "PNG, JPEG or WebP";
