import { crc32 } from "node:zlib";

// A tiny ZIP reader for tests: the central directory at the end names every entry, its method,
// CRC and sizes; each local header says where the bytes start. Reads STORED entries only (what
// the app writes) and checks each one's CRC, so a truncated or garbled archive fails loudly.

export type ZipFileEntry = { name: string; method: number; bytes: Buffer };

export function readZip(zip: Buffer): ZipFileEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a ZIP: no end of central directory");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipFileEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const bytes = zip.subarray(start, start + size);
    if (method !== 0) throw new Error(`${name}: method ${method}, only STORED is read here`);
    if (crc32(bytes) >>> 0 !== crc) throw new Error(`${name}: CRC mismatch`);
    entries.push({ name, method, bytes });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
