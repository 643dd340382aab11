// The gallery selection's ZIP, measured over real HTTP: 50 stored videos of 8–20 MB streamed as
// one ZIP by a separate server process, against reading the same 50 files from disk, while that
// server's RSS is sampled every 100 ms. Goals: the download at ≥ 80% of the disk read, the
// server's memory flat (peak growth < ~50 MB, far below the 700 MB it sends).
// Run on demand: npm run bench:zip  (not part of the test suite)
//
// The server is this file again with --serve, in its own Node process (the react-server condition
// lets server-only modules load outside Next), answering POSTs with `zipSelection`: what the
// route calls once the team door has let the request in. No next build is needed to run it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createReadStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import { urlFor, withAdmin } from "../helpers/pg";

const FILES = 50;
const MB = 1024 * 1024;
const SAMPLE_MS = 100;
const GOAL_RATIO = 0.8;
const GOAL_GROWTH_MB = 50;

/** An MP4's first box (ftyp), then random bytes: the figures are about bytes, not pictures. */
function fakeMp4(size: number): Buffer {
  const body = randomBytes(size);
  Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex").copy(body);
  return body;
}

/** VmRSS of a process, in MB, from /proc (Linux). */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb ?? 0) / 1024;
}

async function serve() {
  const { zipSelection } = await import("../../lib/library/zip/response");
  const { localStorage } = await import("../../lib/storage/local");
  const handle = openDb({ url: process.env.ZIP_BENCH_DB!, dataDir: ".data/bench" });
  const storage = localStorage(process.env.ZIP_BENCH_STORAGE!);
  const team = { id: process.env.ZIP_BENCH_TEAM!, slug: "bench" };
  const server = createServer(async (req, res) => {
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    const request = new Request("http://bench/zip", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const answer = await zipSelection({ db: handle.db, storage }, team, await request.formData(), aborted.signal);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (!answer.body) return res.end();
    await pipeline(Readable.fromWeb(answer.body as NodeWebStream<Uint8Array>), res).catch(() => {});
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
  });
}

/** CPU seconds a process has used (user + system), from /proc (Linux; clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** How many files under `dir` a process holds open. */
function openFilesUnder(pid: number, dir: string): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(dir);
    } catch {
      return false;
    }
  }).length;
}

/** Starts a download, takes `mb` of it and hangs up: the files the server still holds open after. */
async function hangUp(port: number, pid: number, ids: string[], dir: string, mb: number): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/zip`, {
    method: "POST",
    body: new URLSearchParams({ ids: ids.join(",") }),
    signal: abort.signal,
  });
  let bytes = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > mb * MB) abort.abort();
    }
  } catch {
    // the hang-up itself
  }
  await new Promise((r) => setTimeout(r, 1_000));
  return openFilesUnder(pid, dir);
}

/** Reads every file once, as fast as the disk (or the page cache) gives it: MB/s. */
async function readFromDisk(files: string[]): Promise<{ mbps: number; bytes: number; mbPerCpu: number }> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (const f of files) for await (const chunk of createReadStream(f)) bytes += (chunk as Buffer).length;
  const used = process.cpuUsage(cpu);
  return {
    mbps: bytes / MB / ((performance.now() - t) / 1000),
    bytes,
    mbPerCpu: bytes / MB / ((used.user + used.system) / 1e6),
  };
}

/** Downloads the ZIP of every id, sampling the server's RSS: throughput, RSS figures, entries. */
async function downloadZip(port: number, pid: number, ids: string[]) {
  const samples: number[] = [rssOf(pid)];
  const timer = setInterval(() => samples.push(rssOf(pid)), SAMPLE_MS);
  const t = performance.now();
  const cpu = cpuOf(pid);
  const res = await fetch(`http://127.0.0.1:${port}/zip`, {
    method: "POST",
    body: new URLSearchParams({ ids: ids.join(",") }),
  });
  if (res.status !== 200 || !res.body) throw new Error(`zip answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  // The last chunks only, joined once at the end: a copy per chunk would cost the client (which
  // shares the two cores with the server) more than the server's own work.
  const recent: Uint8Array[] = [];
  let recentBytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    recent.push(chunk);
    recentBytes += chunk.byteLength;
    while (recent.length > 1 && recentBytes - recent[0]!.byteLength >= 65_536)
      recentBytes -= recent.shift()!.byteLength;
  }
  const tail = Buffer.concat(recent).subarray(-65_536);
  const seconds = (performance.now() - t) / 1000;
  const cpuSeconds = cpuOf(pid) - cpu;
  clearInterval(timer);
  samples.push(rssOf(pid));
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return {
    mbps: bytes / MB / seconds,
    mbPerCpu: bytes / MB / cpuSeconds,
    bytes,
    seconds,
    entries: eocd < 0 ? 0 : tail.readUInt16LE(eocd + 10),
    rss: { start: samples[0]!, max: Math.max(...samples), end: samples.at(-1)!, n: samples.length },
    disposition: res.headers.get("content-disposition"),
  };
}

async function main() {
  const database = `studio_bench_${randomBytes(4).toString("hex")}`;
  const dir = mkdtempSync(path.join(tmpdir(), "zip-bench-"));
  let server: ChildProcess | null = null;
  await withAdmin((s) => s.unsafe(`create database ${database}`));
  const handle = openDb({ url: urlFor(database), dataDir: ".data/bench" });
  try {
    await handle.migrate();
    const db = handle.db;
    const team = crypto.randomUUID();
    await db.execute(sql`insert into users (id, name, email) values ('bench-zip', 'Zip', 'zip@bench.test')`);
    await db.execute(sql`insert into teams (id, name, slug) values (${team}, 'Bench', 'bench')`);
    await db.execute(sql`insert into memberships (team_id, user_id, role) values (${team}, 'bench-zip', 'owner')`);

    const t0 = performance.now();
    const ids: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const size = Math.round((8 + (12 * i) / (FILES - 1)) * MB);
      const id = crypto.randomUUID();
      const key = `media/${id}/Parallax1.mp4`;
      const file = path.join(dir, key);
      await import("node:fs/promises").then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
      writeFileSync(file, fakeMp4(size));
      writeFileSync(`${file}.type`, "video/mp4");
      await db.execute(sql`
        insert into media (id, team_id, created_by, title, motion_type, params, status, progress, webhook_secret_hash, bullet_version)
        values (${id}, ${team}, 'bench-zip', ${`Video ${i + 1}`}, 'Parallax', '{}'::jsonb, 'success', 100, ${id}, '1')`);
      await db.execute(sql`
        insert into media_assets (media_id, team_id, variant_key, kind, storage_key, content_type, bytes, bullet_version)
        values (${id}, ${team}, 'Parallax1', 'mp4', ${key}, 'video/mp4', ${size}, '1')`);
      ids.push(id);
      files.push(file);
    }
    const total = files.reduce((n, f) => n + statSync(f).size, 0) / MB;
    console.log(
      `ZIP benchmark: ${FILES} stored videos, ${total.toFixed(0)} MB in all (8–20 MB each), written in ${((performance.now() - t0) / 1000).toFixed(1)} s; PostgreSQL ${database}.`,
    );

    server = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", import.meta.filename, "--serve"],
      {
        env: { ...process.env, ZIP_BENCH_DB: urlFor(database), ZIP_BENCH_STORAGE: dir, ZIP_BENCH_TEAM: team },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const port = await new Promise<number>((resolve, reject) => {
      server!.once("exit", (code) => reject(new Error(`server exited ${code}`)));
      server!.stdout!.on("data", (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
    });
    const pid = server.pid!;
    console.log(
      `Server: a separate Node process (pid ${pid}) on 127.0.0.1:${port}, RSS sampled every ${SAMPLE_MS} ms.\n`,
    );

    // A warm-up of each, so both read from the page cache alike; then the best of three runs.
    await readFromDisk(files);
    await downloadZip(port, pid, ids.slice(0, 3));
    const disk: Awaited<ReturnType<typeof readFromDisk>>[] = [];
    const zips: Awaited<ReturnType<typeof downloadZip>>[] = [];
    for (let run = 0; run < 3; run++) {
      disk.push(await readFromDisk(files));
      zips.push(await downloadZip(port, pid, ids));
    }
    const bestDisk = disk.reduce((a, b) => (b.mbps > a.mbps ? b : a));
    const bestZip = zips.reduce((a, b) => (b.mbps > a.mbps ? b : a));
    const ratio = bestZip.mbps / bestDisk.mbps;
    const growth = Math.max(...zips.map((z) => z.rss.max - z.rss.start));
    const peak = Math.max(...zips.map((z) => z.rss.max));
    const ok = (pass: boolean) => (pass ? "met" : "MISSED");

    console.log(
      `${"run".padEnd(6)}${"disk read".padEnd(14)}${"ZIP download".padEnd(16)}${"server RSS start / max / end (samples)"}`,
    );
    zips.forEach((z, i) => {
      console.log(
        `${String(i + 1).padEnd(6)}${`${disk[i]!.mbps.toFixed(0)} MB/s`.padEnd(14)}${`${z.mbps.toFixed(0)} MB/s`.padEnd(16)}${z.rss.start.toFixed(1)} / ${z.rss.max.toFixed(1)} / ${z.rss.end.toFixed(1)} MB (${z.rss.n})`,
      );
    });
    console.log(
      `\nZIP: ${(bestZip.bytes / MB).toFixed(1)} MB, ${bestZip.entries} entries, ${bestZip.disposition}; ${bestZip.seconds.toFixed(2)} s.`,
    );
    console.log(
      `Throughput: ZIP ${bestZip.mbps.toFixed(0)} MB/s vs disk ${bestDisk.mbps.toFixed(0)} MB/s = ${(ratio * 100).toFixed(0)}% (goal ≥ ${GOAL_RATIO * 100}%: ${ok(ratio >= GOAL_RATIO)}).`,
    );
    const bestDiskCpu = Math.max(...disk.map((d) => d.mbPerCpu));
    const bestZipCpu = Math.max(...zips.map((z) => z.mbPerCpu));
    console.log(
      `Per CPU-second (steadier on a loaded machine): ZIP server ${bestZipCpu.toFixed(0)} MB vs disk reader ${bestDiskCpu.toFixed(0)} MB = ${((100 * bestZipCpu) / bestDiskCpu).toFixed(0)}%.`,
    );
    console.log(
      `Server memory: peak RSS ${peak.toFixed(1)} MB; largest growth during a download ${growth.toFixed(1)} MB for ${total.toFixed(0)} MB sent (goal < ${GOAL_GROWTH_MB} MB: ${ok(growth < GOAL_GROWTH_MB)}).`,
    );
    const left = await hangUp(port, pid, ids, dir, 100);
    console.log(
      `A client hanging up after 100 MB: ${left} stored file(s) left open by the server (goal 0: ${ok(left === 0)}).`,
    );
  } finally {
    server?.kill();
    await handle.close();
    await withAdmin((s) => s.unsafe(`drop database if exists ${database} with (force)`));
    rmSync(dir, { recursive: true, force: true });
  }
}

(process.argv.includes("--serve") ? serve() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
