import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { png, pngChunk } from "../helpers/png";

// Images for the upload checks: genuine PNG, JPEG and WebP files, pixel bombs that really decode
// (1-bit PNGs of zeros: a 16000×16000 one deflates to some tens of KB) and broken variants.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number, depth: number, colour: number): Buffer {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h.set([depth, colour, 0, 0, 0], 8);
  return pngChunk("IHDR", h);
}

/** A black 1-bit greyscale PNG that decodes for real: small on disk, width×height when decoded. */
export function bilevelPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
  return Buffer.concat([
    SIGNATURE,
    ihdr(width, height, 1, 0),
    pngChunk("IDAT", deflateSync(raw, { level: 9 })),
    pngChunk("IEND", new Uint8Array()),
  ]);
}

/** A PNG whose chunks all hold together but whose header claims a size its data does not have. */
export function claimingPng(width: number, height: number): Buffer {
  return Buffer.concat([
    SIGNATURE,
    ihdr(width, height, 8, 2),
    pngChunk("IDAT", deflateSync(Buffer.alloc(64))),
    pngChunk("IEND", new Uint8Array()),
  ]);
}

/** A real PNG padded to exactly `bytes` with a private ancillary chunk (still valid). */
export function pngOfSize(bytes: number): Buffer {
  const base = png(8, 8);
  const iend = base.subarray(base.length - 12);
  const filler = pngChunk("zzTz", new Uint8Array(bytes - base.length - 12));
  return Buffer.concat([base.subarray(0, base.length - 12), filler, iend]);
}

/** Offset of a PNG chunk's length field. */
export function chunkAt(file: Uint8Array, type: string): number {
  return Buffer.from(file).indexOf(type, 8, "ascii") - 4;
}

const photo = () =>
  sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 200, g: 120, b: 40 } } }).composite([
    {
      input: { create: { width: 30, height: 20, channels: 3, background: { r: 20, g: 40, b: 220 } } },
      left: 10,
      top: 10,
    },
  ]);

export const jpeg = async () => new Uint8Array(await photo().jpeg().toBuffer());
export const webp = async () => new Uint8Array(await photo().webp().toBuffer());
export const webpLossless = async () => new Uint8Array(await photo().webp({ lossless: true }).toBuffer());

/** A JPEG that tells where it was taken, turned (EXIF orientation 6: stored 96×64, shown 64×96). */
export const jpegWithGps = async () =>
  new Uint8Array(
    await photo()
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Copyright: "Alice" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
      })
      .toBuffer(),
  );
