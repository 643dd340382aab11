import { crc32 } from "node:zlib";

// A store-only ZIP writer (APPNOTE 6.3) that never holds the archive: it hands out headers as
// small buffers and passes the file bytes through uncopied, keeping only each entry's name, CRC,
// size and offset for the central directory at the end. Hand-written rather than a library
// because every JS ZIP library computes CRC-32 in JavaScript (150–310 MB/s), which capped the
// download well below the disk; zlib.crc32 is native and runs at about 2.5 GB/s.
//
// Each entry is written before its CRC and size are known (the file is read as it is sent), so
// every entry has a data descriptor after its bytes (flag bit 3). ZIP64 is used only where a
// classic field would overflow: a selection of long videos can pass 4 GB.

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
/** Bit 3: CRC and sizes follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0808;
/** 2.0 is needed for data descriptors, 4.5 for ZIP64. Made by "Unix" so the mode below is read. */
const V20 = 20;
const V45 = 45;
const MADE_BY = (3 << 8) | V45;
/** A regular file, rw-r--r--, so unzip does not make the videos executable or private. */
const UNIX_FILE = (0o100644 << 16) >>> 0;

type Entry = { name: Buffer; offset: number; zip64: boolean; crc: number; size: number };

/** MS-DOS date and time, the only timestamp every unzipper reads (local time, 2 s steps). */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(d.getFullYear(), 1980);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private open: Entry | null = null;
  private readonly stamp: { time: number; date: number };

  constructor(now = new Date()) {
    this.stamp = dosTime(now);
  }

  private emit(buf: Buffer): Buffer {
    this.offset += buf.length;
    return buf;
  }

  /**
   * The local header of the next entry. `bytes` is the size the entry is expected to have: the
   * local header cannot be rewritten once sent, so it must say up front whether the sizes in the
   * data descriptor will be 8 bytes (ZIP64) or 4.
   */
  begin(name: string, bytes: number): Buffer {
    if (this.open) throw new Error("zip: an entry is still open");
    const encoded = Buffer.from(name, "utf8");
    if (encoded.length > MAX16) throw new Error("zip: entry name too long");
    const zip64 = bytes >= MAX32;
    const head = Buffer.alloc(30 + encoded.length + (zip64 ? 20 : 0));
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(zip64 ? V45 : V20, 4);
    head.writeUInt16LE(FLAGS, 6);
    head.writeUInt16LE(0, 8); // STORED: MP4s are already compressed
    head.writeUInt16LE(this.stamp.time, 10);
    head.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes stay 0 (they are in the data descriptor); ZIP64 marks the sizes as in its extra.
    if (zip64) {
      head.writeUInt32LE(MAX32, 18);
      head.writeUInt32LE(MAX32, 22);
    }
    head.writeUInt16LE(encoded.length, 26);
    head.writeUInt16LE(zip64 ? 20 : 0, 28);
    encoded.copy(head, 30);
    if (zip64) {
      head.writeUInt16LE(0x0001, 30 + encoded.length);
      head.writeUInt16LE(16, 32 + encoded.length);
    }
    this.open = { name: encoded, offset: this.offset, zip64, crc: 0, size: 0 };
    return this.emit(head);
  }

  /** Counts a chunk of the open entry into its CRC and size; the chunk itself goes out as is. */
  data(chunk: Uint8Array): Uint8Array {
    const entry = this.open;
    if (!entry) throw new Error("zip: no entry is open");
    entry.crc = crc32(chunk, entry.crc);
    entry.size += chunk.byteLength;
    // Its local header promised 4-byte sizes: going on would write an archive that lies.
    if (!entry.zip64 && entry.size >= MAX32) throw new Error("zip: entry is larger than its planned size allows");
    this.offset += chunk.byteLength;
    return chunk;
  }

  /** The open entry's data descriptor: its CRC and size, now that all of it has gone through. */
  end(): Buffer {
    const entry = this.open;
    if (!entry) throw new Error("zip: no entry is open");
    this.open = null;
    this.entries.push(entry);
    const desc = Buffer.alloc(entry.zip64 ? 24 : 16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(entry.crc >>> 0, 4);
    if (entry.zip64) {
      desc.writeBigUInt64LE(BigInt(entry.size), 8);
      desc.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      desc.writeUInt32LE(entry.size, 8);
      desc.writeUInt32LE(entry.size, 12);
    }
    return this.emit(desc);
  }

  /** The central directory and the end records (ZIP64 ones too when a count or offset overflows). */
  finish(): Buffer {
    if (this.open) throw new Error("zip: an entry is still open");
    const start = this.offset;
    const parts = this.entries.map((e) => this.emit(central(e, this.stamp)));
    const size = this.offset - start;
    const count = this.entries.length;
    if (count >= MAX16 || start >= MAX32 || size >= MAX32) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4); // the size of the rest of this record
      record.writeUInt16LE(MADE_BY, 12);
      record.writeUInt16LE(V45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(this.offset), 8);
      locator.writeUInt32LE(1, 16); // one disk in all
      parts.push(this.emit(record), this.emit(locator));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX16), 8);
    end.writeUInt16LE(Math.min(count, MAX16), 10);
    end.writeUInt32LE(Math.min(size, MAX32), 12);
    end.writeUInt32LE(Math.min(start, MAX32), 16);
    parts.push(this.emit(end));
    return Buffer.concat(parts);
  }
}

/** An entry's central directory record: sizes in ZIP64 form iff its local header said so. */
function central(e: Entry, stamp: { time: number; date: number }): Buffer {
  const farOffset = e.offset >= MAX32;
  const extra = (e.zip64 ? 16 : 0) + (farOffset ? 8 : 0);
  const rec = Buffer.alloc(46 + e.name.length + (extra ? 4 + extra : 0));
  rec.writeUInt32LE(0x02014b50, 0);
  rec.writeUInt16LE(MADE_BY, 4);
  rec.writeUInt16LE(extra ? V45 : V20, 6);
  rec.writeUInt16LE(FLAGS, 8);
  rec.writeUInt16LE(0, 10);
  rec.writeUInt16LE(stamp.time, 12);
  rec.writeUInt16LE(stamp.date, 14);
  rec.writeUInt32LE(e.crc >>> 0, 16);
  rec.writeUInt32LE(e.zip64 ? MAX32 : e.size, 20);
  rec.writeUInt32LE(e.zip64 ? MAX32 : e.size, 24);
  rec.writeUInt16LE(e.name.length, 28);
  rec.writeUInt16LE(extra ? 4 + extra : 0, 30);
  rec.writeUInt32LE(UNIX_FILE, 38);
  rec.writeUInt32LE(farOffset ? MAX32 : e.offset, 42);
  e.name.copy(rec, 46);
  if (extra) {
    // The ZIP64 extra holds, in this order, only the fields set to 0xFFFFFFFF above.
    let at = 46 + e.name.length;
    at = rec.writeUInt16LE(0x0001, at);
    at = rec.writeUInt16LE(extra, at);
    if (e.zip64) {
      at = rec.writeBigUInt64LE(BigInt(e.size), at); // uncompressed
      at = rec.writeBigUInt64LE(BigInt(e.size), at); // compressed: the same, STORED
    }
    if (farOffset) rec.writeBigUInt64LE(BigInt(e.offset), at);
  }
  return rec;
}
