import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { zipStream } from "@/lib/library/zip/stream";
import { ZipWriter } from "@/lib/library/zip/writer";
import type { Storage } from "@/lib/storage/types";

// The hand-written ZIP writer, checked by readers it has no part in: yauzl (a maintained ZIP
// reader with ZIP64 support) reads every entry back and its CRC is compared with the bytes read,
// and Info-ZIP's `unzip -t` where the machine has it. The small test reader of the route tests
// would share any misreading of the format with the writer; these would not.

const MB = 1024 * 1024;

type Source = Buffer | { reader: yauzl.RandomAccessReader; size: number };
type ReadEntry = { name: string; flags: number; size: number; offset: number; bytes: Buffer | null };

function open(source: Source): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err) : resolve(zip));
    const options = { lazyEntries: true, autoClose: true };
    if (Buffer.isBuffer(source)) yauzl.fromBuffer(source, options, done);
    else yauzl.fromRandomAccessReader(source.reader, source.size, options, done);
  });
}

/** Every entry of a ZIP, read through yauzl; an entry whose bytes do not match its CRC fails. */
async function unzip(source: Source, opts: { keep?: boolean; read?: boolean } = {}): Promise<ReadEntry[]> {
  const zip = await open(source);
  const out: ReadEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: yauzl.Entry) => {
      const base = {
        name: entry.fileName,
        flags: entry.generalPurposeBitFlag,
        size: entry.uncompressedSize,
        offset: entry.relativeOffsetOfLocalHeader,
      };
      if (opts.read === false) {
        out.push({ ...base, bytes: null });
        return zip.readEntry();
      }
      zip.openReadStream(entry, async (err, stream) => {
        if (err || !stream) return reject(err);
        let crc = 0;
        const kept: Buffer[] = [];
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            crc = crc32(chunk, crc);
            if (opts.keep !== false) kept.push(chunk);
          }
        } catch (e) {
          return reject(e);
        }
        if (crc >>> 0 !== entry.crc32) return reject(new Error(`${entry.fileName}: CRC mismatch`));
        out.push({ ...base, bytes: opts.keep === false ? null : Buffer.concat(kept) });
        zip.readEntry();
      });
    });
    zip.readEntry();
  });
  return out;
}

/** Writes whole files with the writer, as the stream does, into one buffer. */
function zipOf(files: [string, Buffer][]): Buffer {
  const zip = new ZipWriter();
  const parts: Uint8Array[] = [];
  for (const [name, bytes] of files) {
    parts.push(zip.begin(name, bytes.length));
    // Several chunks per file, as a store hands them out, so the CRC is carried across them.
    for (let at = 0; at < bytes.length; at += 7_000) parts.push(zip.data(bytes.subarray(at, at + 7_000)));
    parts.push(zip.end());
  }
  parts.push(zip.finish());
  return Buffer.concat(parts);
}

const FILES: [string, Buffer][] = [
  ["sunset-over-lisbon-1a2b3c4d.mp4", randomBytes(150_001)],
  ["café ☕ ünïcode.mp4", randomBytes(20_000)],
  ["日本の動画.mp4", randomBytes(1)],
  ["empty.txt", Buffer.alloc(0)],
  ["README.txt", Buffer.from("Some of the videos you chose are not in this ZIP:\r\n")],
];

describe("the ZIP writer", () => {
  it("writes entries that yauzl reads back whole: UTF-8 names, sizes, CRCs, bytes", async () => {
    const entries = await unzip(zipOf(FILES));
    expect(entries.map((e) => e.name)).toEqual(FILES.map(([name]) => name));
    entries.forEach((e, i) => {
      expect(e.size).toBe(FILES[i]![1].length);
      expect(e.bytes!.equals(FILES[i]![1])).toBe(true);
      // Bit 3: sizes in a data descriptor (the file is read as it is sent); bit 11: UTF-8 names.
      expect(e.flags & 0x0808).toBe(0x0808);
    });
  });

  it.runIf(spawnSync("unzip", ["-v"]).status === 0)("passes Info-ZIP's unzip -t", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "zip-writer-"));
    try {
      const file = path.join(dir, "t.zip");
      writeFileSync(file, zipOf(FILES));
      const test = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
      expect(test.stdout).toContain("No errors detected");
      expect(test.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a truncated ZIP is refused, wherever it was cut", async () => {
    const whole = zipOf(FILES);
    await expect(unzip(whole)).resolves.toHaveLength(FILES.length);
    for (const cut of [100_000, whole.length - 200, whole.length - 22, whole.length - 1]) {
      await expect(unzip(whole.subarray(0, cut))).rejects.toThrow();
    }
  });

  it("the stream of a selection reads back with yauzl, file for file", async () => {
    const stored = new Map([
      ["a", randomBytes(3 * MB + 5)],
      ["b", randomBytes(100)],
    ]);
    const storage: Storage = {
      kind: "local",
      put: async () => ({ key: "", bytes: 0, url: null }),
      delete: async () => {},
      async get(key) {
        const bytes = stored.get(key);
        if (!bytes) return null;
        const body = Readable.toWeb(Readable.from([bytes.subarray(0, MB), bytes.subarray(MB)])) as ReadableStream;
        return { body, contentType: "video/mp4", bytes: bytes.length };
      },
    };
    const plan = {
      entries: [
        { name: "a.mp4", storageKey: "a", bytes: stored.get("a")!.length },
        { name: "lost.mp4", storageKey: "lost", bytes: 9 },
        { name: "b.mp4", storageKey: "b", bytes: 100 },
      ],
      left: ["not included: Harbour (still rendering)"],
    };
    const zip = Buffer.from(await new Response(zipStream(storage, plan)).arrayBuffer());
    const entries = await unzip(zip);
    expect(entries.map((e) => e.name)).toEqual(["a.mp4", "b.mp4", "README.txt"]);
    expect(entries[0]!.bytes!.equals(stored.get("a")!)).toBe(true);
    expect(entries[1]!.bytes!.equals(stored.get("b")!)).toBe(true);
    expect(entries[2]!.bytes!.toString()).toContain("not included: lost.mp4 (its stored file is missing)");
    expect(entries[2]!.bytes!.toString()).toContain("not included: Harbour (still rendering)");
  });
});

describe("ZIP64", () => {
  const ZERO = Buffer.alloc(4 * MB);

  /** The writer's output kept sparsely: the reused zero buffer is noted as a run, not stored. */
  class Sparse extends yauzl.RandomAccessReader {
    parts: { at: number; bytes: Uint8Array }[] = [];
    size = 0;
    add(part: Uint8Array) {
      this.parts.push({ at: this.size, bytes: part });
      this.size += part.byteLength;
    }
    *range(start: number, end: number): Generator<Uint8Array> {
      for (const { at, bytes } of this.parts) {
        if (at + bytes.byteLength <= start || at >= end) continue;
        yield bytes.subarray(Math.max(start - at, 0), Math.min(end - at, bytes.byteLength));
      }
    }
    bytesAt(start: number, length: number): Buffer {
      return Buffer.concat([...this.range(start, start + length)]);
    }
    _readStreamForRange(start: number, end: number) {
      return Readable.from(this.range(start, end));
    }
  }

  it("an entry of 4 GB or more, and entries and a directory past 4 GB, use ZIP64 that yauzl reads", async () => {
    const big = 2 ** 32 + MB; // past 0xFFFFFFFF, so no 32-bit field can hold it
    const zip = new ZipWriter();
    const out = new Sparse();
    out.add(zip.begin("small-first.mp4", 10));
    out.add(zip.data(Buffer.from("0123456789")));
    out.add(zip.end());
    out.add(zip.begin("big.mp4", big));
    for (let left = big; left > 0; left -= ZERO.length)
      out.add(zip.data(ZERO.subarray(0, Math.min(left, ZERO.length))));
    out.add(zip.end());
    out.add(zip.begin("after-4gb.txt", 5));
    out.add(zip.data(Buffer.from("after")));
    out.add(zip.end());
    out.add(zip.finish());

    const entries = await unzip({ reader: out, size: out.size }, { keep: false });
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ["small-first.mp4", 10],
      ["big.mp4", big],
      ["after-4gb.txt", 5],
    ]);
    const [, large, after] = entries;
    expect(after!.offset).toBeGreaterThan(2 ** 32);

    // What a streaming unzipper reads, which yauzl does not: the big entry's local header says
    // ZIP64 (sizes in its zip64 extra) and its data descriptor carries 8-byte sizes.
    const local = out.bytesAt(large!.offset, 30 + 7 + 20);
    expect(local.readUInt32LE(22)).toBe(0xffffffff);
    expect(local.readUInt16LE(28)).toBe(20);
    expect(local.readUInt16LE(30 + 7)).toBe(0x0001);
    const descriptor = out.bytesAt(large!.offset + local.length + big, 24);
    expect(descriptor.readUInt32LE(0)).toBe(0x08074b50);
    expect(descriptor.readBigUInt64LE(8)).toBe(BigInt(big));
    expect(descriptor.readBigUInt64LE(16)).toBe(BigInt(big));
    // The small first entry stayed classic: ZIP64 only where a field would overflow.
    expect(out.bytesAt(0, 30).readUInt16LE(28)).toBe(0);
  }, 120_000);

  it("65,535 entries or more get the ZIP64 end records, which yauzl reads", async () => {
    const count = 0xffff + 2;
    const zip = new ZipWriter();
    const parts: Uint8Array[] = [];
    for (let i = 0; i < count; i++) parts.push(zip.begin(`${i}.txt`, 0), zip.end());
    parts.push(zip.finish());
    const entries = await unzip(Buffer.concat(parts), { read: false });
    expect(entries).toHaveLength(count);
    expect(entries.at(-1)!.name).toBe(`${count - 1}.txt`);
  }, 60_000);
});
