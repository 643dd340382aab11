// What the Create page accepts, shared by the browser (to say it up front) and the server
// (to enforce it). The API takes PNG, JPEG and WebP stills.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = "10 MB";
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
