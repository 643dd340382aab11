import { deflateSync } from "node:zlib";
import { crc32 } from "../../lib/uploads/image-structure";

// Real RGB PNGs for Vitest and Playwright alike: the sandbox probes uploads with ffprobe and the
// app checks magic bytes, so test images must be genuine and decode.

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** 8-bit truecolour PNG whose pixel (x, y) is `colour(x, y)`. */
function encode(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(colour(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A colour gradient, so the sandbox renders something worth looking at (and motion shows). */
export function png(width = 64, height = 48, tint: [number, number, number] = [255, 255, 160]): Buffer {
  return encode(width, height, (x, y) => [
    Math.round((x / width) * tint[0]),
    Math.round((y / height) * tint[1]),
    Math.round(tint[2] * (1 - x / width / 2)),
  ]);
}

/** One flat colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  return encode(width, height, () => rgb);
}
