// `npx tsx tests/bench/start-bench.ts [app dir]`: what the start command costs beside the server
// itself. Starts each command in its own process group on an empty data folder (embedded
// PGlite, sandbox upstream, as the README's `npm start`), waits for the first answer, then sums
// the RSS of every process in the group and compares it with the server's own (the largest).
// Needs a build in the app dir (.next/BUILD_ID newer than the sources, or the start builds first).
// Goal: the tree within 1.3× of the server; the first answer time is printed beside `next start`'s.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = path.resolve(process.argv[2] ?? ".");
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const COMMANDS: Record<string, string[]> = {
  "npm start": ["npm", "start"],
  "node scripts/start.mjs": ["node", "scripts/start.mjs"],
  "next start alone": ["node", "node_modules/next/dist/bin/next", "start", "-p", String(PORT)],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** pid, rss (kB) and command of every process in the group. */
function group(pgid: number): { pid: number; rss: number; cmd: string }[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,pgid=,rss=,args="]).toString();
  return out
    .split("\n")
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null && Number(m[2]) === pgid)
    .map((m) => ({ pid: Number(m[1]), rss: Number(m[3]), cmd: m[4]!.slice(0, 70) }));
}

async function firstAnswer(started: number, child: ChildProcess): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const ok = await fetch(`http://localhost:${PORT}/sign-in`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return performance.now() - started;
    await sleep(100);
  }
}

async function stop(child: ChildProcess): Promise<number> {
  const t = performance.now();
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  const ms = performance.now() - t;
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {}
  return ms;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const rows: string[] = [];
for (const [name, cmd] of Object.entries(COMMANDS)) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "start-bench-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, NODE_ENV: "production" };
  for (const k of ["DATABASE_URL", "APP_URL", "VIMMERSE_API_KEY", "VIMMERSE_API_URL"]) delete env[k];
  env.AUTH_SECRET = "start-bench-secret-0123456789abcdef0123";
  const started = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: dir, env, stdio: "ignore", detached: true });
  try {
    const first = await firstAnswer(started, child);
    for (let i = 0; i < 5; i++) await fetch(`http://localhost:${PORT}/sign-in`).then((r) => r.arrayBuffer());
    await sleep(3_000);
    const procs = group(child.pid!);
    const tree = procs.reduce((s, p) => s + p.rss, 0);
    const server = Math.max(...procs.map((p) => p.rss));
    const stopMs = await stop(child);
    rows.push(
      `${name.padEnd(24)} first answer ${(first / 1000).toFixed(1).padStart(5)} s   tree ${mb(tree).padStart(7)} in ${procs.length} processes   server ${mb(server).padStart(7)}   tree/server ${(tree / server).toFixed(2)}× (goal ≤ 1.3×)   stops in ${(stopMs / 1000).toFixed(1)} s`,
    );
    for (const p of procs) rows.push(`    ${String(p.pid).padStart(7)} ${mb(p.rss).padStart(7)}  ${p.cmd}`);
  } catch (err) {
    rows.push(`${name.padEnd(24)} failed: ${err instanceof Error ? err.message : err}`);
    await stop(child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await sleep(1_000);
}
console.log(rows.join("\n"));
