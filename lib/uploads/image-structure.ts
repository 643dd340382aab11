import type { ImageType } from "./limits";

// The structure of a PNG, JPEG or WebP file, read without decoding a pixel: its size in pixels
// from the header (IHDR, SOFn, VP8/VP8L/VP8X) and whether the container holds together (every
// PNG chunk whole with a right checksum and IEND last; JPEG segments through SOF, SOS and EOI;
// the WebP RIFF size equal to the file's and its chunks whole). A pixel bomb is refused by its
// header before anything decodes it; a full decode (lib/uploads/decode.ts) comes after.

export type ImageStructure = {
  type: ImageType;
  /** From the header, once read: known even when the rest of the file is broken. */
  width?: number;
  height?: number;
  /** Set when the file does not hold together: why, in words for a person. */
  problem?: string;
  /** WebP only: the image is stored lossless (VP8L), so a re-encode should be too. */
  lossless?: boolean;
};

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32le = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

export function inspectImage(type: ImageType, bytes: Uint8Array): ImageStructure {
  if (type === "image/png") return inspectPng(bytes);
  if (type === "image/jpeg") return inspectJpeg(bytes);
  return inspectWebp(bytes);
}

// ---- PNG -------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** PNG's CRC-32 of b[start, end) (also what the tests build their PNGs with). */
export function crc32(b: Uint8Array, start = 0, end = b.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function inspectPng(b: Uint8Array): ImageStructure {
  const out: ImageStructure = { type: "image/png" };
  const broken = (problem: string) => ({ ...out, problem });
  let at = 8;
  let sawData = false;
  for (let first = true; ; first = false) {
    if (at + 12 > b.length) return broken("the file is cut short");
    const length = u32be(b, at);
    if (length > 0x7fffffff) return broken("a chunk has an impossible length");
    const dataAt = at + 8;
    const end = dataAt + length;
    if (end + 4 > b.length) return broken("the file is cut short");
    const name = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(name)) return broken("a chunk has an invalid name");
    if (crc32(b, at + 4, end) !== u32be(b, end)) return broken(`the checksum of its ${name} chunk is wrong`);
    if (first) {
      if (name !== "IHDR" || length !== 13) return broken("it does not start with an IHDR header");
      out.width = u32be(b, dataAt);
      out.height = u32be(b, dataAt + 4);
      const depth = b[dataAt + 8]!;
      const colour = b[dataAt + 9]!;
      if (out.width === 0 || out.height === 0) return broken("its header gives no size");
      if (!PNG_DEPTHS[colour]?.includes(depth) || b[dataAt + 10] !== 0 || b[dataAt + 11] !== 0 || b[dataAt + 12]! > 1)
        return broken("its header is invalid");
    } else if (name === "IHDR") {
      return broken("it has two IHDR headers");
    }
    if (name === "IDAT") sawData = true;
    at = end + 4;
    if (name === "IEND") {
      if (!sawData) return broken("it has no image data");
      if (at !== b.length) return broken("there are bytes after its IEND end");
      return out;
    }
  }
}

// ---- JPEG ------------------------------------------------------------------------------------

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function inspectJpeg(b: Uint8Array): ImageStructure {
  const out: ImageStructure = { type: "image/jpeg" };
  const broken = (problem: string) => ({ ...out, problem });
  const cut = "the file is cut short (it has no EOI end marker)";
  let at = 2; // past SOI
  let sawScan = false;
  for (;;) {
    // Stray bytes between segments are skipped, as decoders do (libjpeg only warns).
    if (b[at] !== 0xff) at = b.indexOf(0xff, at);
    if (at < 0 || at >= b.length) return broken(cut);
    while (at < b.length && b[at] === 0xff) at++; // fill bytes
    if (at >= b.length) return broken(cut);
    const marker = b[at++]!;
    if (marker === 0xd9) {
      // EOI. Bytes after it are allowed: phones append a second picture (MPF) or a motion clip.
      if (out.width === undefined) return broken("it has no SOF frame header");
      if (!sawScan) return broken("it has no image data");
      return out;
    }
    if (marker === 0x00 || marker === 0xd8) return broken("a segment is malformed");
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // RSTn, TEM: no length
    if (at + 2 > b.length) return broken(cut);
    const length = u16be(b, at);
    if (length < 2) return broken("a segment is malformed");
    const end = at + length;
    if (end > b.length) return broken(cut);
    if (isSof(marker)) {
      if (length < 8) return broken("its SOF frame header is malformed");
      const height = u16be(b, at + 3);
      const width = u16be(b, at + 5);
      if (width === 0 || height === 0) return broken("its SOF frame header gives no size");
      out.width = Math.max(out.width ?? 0, width);
      out.height = Math.max(out.height ?? 0, height);
    }
    at = end;
    if (marker === 0xda) {
      if (out.width === undefined) return broken("its image data comes before its SOF frame header");
      sawScan = true;
      // Entropy-coded data runs to the next marker: an FF not followed by 00 (stuffing) or RSTn.
      for (;;) {
        const ff = b.indexOf(0xff, at);
        if (ff < 0 || ff + 1 >= b.length) return broken(cut);
        const next = b[ff + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at = ff + 2;
        else if (next === 0xff) at = ff + 1;
        else {
          at = ff;
          break;
        }
      }
    }
  }
}

// ---- WebP ------------------------------------------------------------------------------------

function inspectWebp(b: Uint8Array): ImageStructure {
  const out: ImageStructure = { type: "image/webp" };
  const broken = (problem: string) => ({ ...out, problem });
  if (b.length < 20) return broken("the file is cut short");
  const riffSize = u32le(b, 4);
  if (riffSize + 8 > b.length) return broken("the file is cut short (its RIFF size is larger than the file)");
  if (riffSize + 8 < b.length) return broken("its RIFF size does not match the file");
  let at = 12;
  let sawImage = false;
  let extended = false;
  let animated = false;
  const grow = (w: number, h: number) => {
    out.width = Math.max(out.width ?? 0, w);
    out.height = Math.max(out.height ?? 0, h);
  };
  for (let first = true; at < b.length; first = false) {
    if (at + 8 > b.length) return broken("the file is cut short");
    const name = ascii(b, at, 4);
    const size = u32le(b, at + 4);
    const dataAt = at + 8;
    const end = dataAt + size;
    if (end + (size & 1) > b.length) return broken(`its ${name.trim()} chunk is cut short`);
    if (first && name !== "VP8 " && name !== "VP8L" && name !== "VP8X") return broken("it has no VP8 image header");
    if (name === "VP8X") {
      if (!first || size < 10) return broken("its VP8X header is malformed");
      extended = true;
      animated = (b[dataAt]! & 0x02) !== 0;
      grow(u24le(b, dataAt + 4) + 1, u24le(b, dataAt + 7) + 1);
    } else if (name === "VP8 ") {
      // Frame tag (3 bytes, key frame bit 0 clear), start code 9D 01 2A, then 14-bit sizes.
      if (
        size < 10 ||
        (b[dataAt]! & 1) !== 0 ||
        b[dataAt + 3] !== 0x9d ||
        b[dataAt + 4] !== 0x01 ||
        b[dataAt + 5] !== 0x2a
      )
        return broken("its VP8 header is malformed");
      const width = u16le(b, dataAt + 6) & 0x3fff;
      const height = u16le(b, dataAt + 8) & 0x3fff;
      if (width === 0 || height === 0) return broken("its VP8 header gives no size");
      grow(width, height);
      sawImage = true;
    } else if (name === "VP8L") {
      if (size < 5 || b[dataAt] !== 0x2f) return broken("its VP8L header is malformed");
      const bits = u32le(b, dataAt + 1);
      if (bits >>> 29 !== 0) return broken("its VP8L header is malformed");
      grow((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      out.lossless = true;
      sawImage = true;
    } else if (name === "ANMF") {
      if (!extended || size < 16) return broken("its ANMF frame is malformed");
      sawImage = true;
    }
    at = end + (size & 1);
  }
  if (!sawImage || (animated && !extended)) return broken("it has no image data");
  return out;
}
