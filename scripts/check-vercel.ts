// `npm run check:vercel`: builds the app as Vercel would (the Vercel CLI, offline, in a scratch
// copy so the working tree gets no .vercel/ nor a second .next/) and prints each function's traced
// size against the goals: no function but the sandbox's carries ffmpeg or ffprobe, none carries
// PGlite, every page function stays under 20 MB. Exits 1 when a goal is missed.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const root = process.cwd();
const scratch = process.env.CHECK_VERCEL_DIR ?? path.join("/tmp", `check-vercel-${process.pid}`);
const PAGE_LIMIT = 20 * 1024 * 1024;
const HEAVY = { ffmpeg: "@ffmpeg-installer", ffprobe: "@ffprobe-installer", pglite: "@electric-sql/pglite" } as const;

function copyTree(): void {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const skip = new Set(["node_modules", ".next", ".data", ".vercel", "test-results", "playwright-report", ".git"]);
  for (const entry of readdirSync(root)) {
    if (!skip.has(entry)) cpSync(path.join(root, entry), path.join(scratch, entry), { recursive: true });
  }
  // Hard links, not a symlink: the tracer must see the packages inside the project, as on Vercel.
  execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(scratch, "node_modules")]);
  // The framework, and no install (the packages are there): the CLI builds without the network.
  mkdirSync(path.join(scratch, ".vercel"), { recursive: true });
  writeFileSync(
    path.join(scratch, ".vercel/project.json"),
    JSON.stringify({ projectId: "_", orgId: "_", settings: { framework: "nextjs", installCommand: "" } }),
  );
}

// What a real deployment has: a database server, a Vimmerse key, its secrets (all dummies: nothing connects).
const deployEnv = {
  ...process.env,
  VERCEL: "1",
  CI: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  // Types are `npm run typecheck`'s job; the check is about what the build traces.
  SKIP_BUILD_TYPECHECK: "1",
  DATABASE_URL: "postgres://user:pass@db.invalid:5432/studio",
  VIMMERSE_API_KEY: "vk_check_vercel_dummy_key_0123456789",
  AUTH_SECRET: "check-vercel-auth-secret-0123456789abcdef",
  CRON_SECRET: "check-vercel-cron-secret-0123456789",
  APP_URL: "https://studio.example.com",
  UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN ?? "",
};

type Fn = { name: string; bytes: number; files: number; heavy: string[]; page: boolean; aliases: number };

function sizeOf(file: string): number {
  try {
    const s = statSync(file);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}

/**
 * Every function under the output's functions, with the files its config says it carries. Many
 * .func entries are links to one shared function (the pages are grouped): each is counted once.
 */
function readFunctions(out: string): Fn[] {
  const byTarget = new Map<string, Fn>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.name.endsWith(".func")) {
        const target = realpathSync(p);
        const seen = byTarget.get(target);
        if (seen) {
          seen.aliases++;
          // A group holding any page is a page function.
          seen.page ||= isPage(path.relative(out, p));
        } else byTarget.set(target, readFunction(out, p));
      } else if (e.isDirectory() && !e.isSymbolicLink()) walk(p);
    }
  };
  walk(out);
  return [...byTarget.values()].sort((a, b) => b.bytes - a.bytes);
}

// Pages (not route handlers, which may stream files or check uploads) are what the 20 MB goal is
// about: Next's manifest says which entries are pages ("/(app)/t/[team]/page" → "/t/[team]").
let pageRoutes: Set<string> | undefined;
function isPage(name: string): boolean {
  if (!pageRoutes) {
    const manifest = JSON.parse(readFileSync(path.join(scratch, ".next/app-path-routes-manifest.json"), "utf8"));
    pageRoutes = new Set(
      Object.entries(manifest as Record<string, string>)
        .filter(([entry]) => entry.endsWith("/page"))
        .map(([, route]) => (route === "/" ? "index" : route.slice(1))),
    );
  }
  return pageRoutes.has(name.replace(/\.rsc$/, "").replace(/\.segments\/.*$/, ""));
}

function readFunction(out: string, dir: string): Fn {
  const name = path.relative(out, dir).replace(/\.func$/, "");
  const config = JSON.parse(readFileSync(path.join(dir, ".vc-config.json"), "utf8")) as {
    filePathMap?: Record<string, string>;
  };
  // filePathMap: function path → source path (relative to the project); plus the files written in the dir.
  const files = new Map<string, string>();
  for (const [to, from] of Object.entries(config.filePathMap ?? {})) files.set(to, path.resolve(scratch, from));
  const local = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) local(p);
      else files.set(path.relative(dir, p), p);
    }
  };
  local(dir);
  let bytes = 0;
  const heavy = new Set<string>();
  for (const [to, from] of files) {
    bytes += sizeOf(from);
    for (const [label, marker] of Object.entries(HEAVY)) if (to.includes(marker)) heavy.add(label);
  }
  return { name, bytes, files: files.size, heavy: [...heavy], page: isPage(name), aliases: 1 };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

// --read: only read the output a previous run left in CHECK_VERCEL_DIR (to compare two builds).
const readOnly = process.argv.includes("--read");
let status: number | null = 0;
if (!readOnly) {
  copyTree();
  const version = execFileSync("npx", ["vercel", "--version"], { cwd: scratch }).toString().trim().split("\n").pop();
  console.log(`vercel build in ${scratch} (${version})…`);
  status = spawnSync("npx", ["vercel", "build", "--yes"], { cwd: scratch, env: deployEnv, stdio: "inherit" }).status;
}
const out = path.join(scratch, ".vercel/output/functions");
if (status !== 0 || !existsSync(out)) {
  console.error("vercel build failed");
  process.exit(1);
}

const fns = readFunctions(out);
let misses = 0;
console.log(
  `\n${"function (+ routes sharing it)".padEnd(48)} ${"traced".padStart(10)} ${"files".padStart(6)}  heavy  verdict`,
);
for (const f of fns) {
  const sandbox = f.name.startsWith("api/sandbox");
  const problems: string[] = [];
  if (f.heavy.includes("pglite")) problems.push("carries PGlite");
  if (!sandbox && (f.heavy.includes("ffmpeg") || f.heavy.includes("ffprobe"))) problems.push("carries ffmpeg/ffprobe");
  if (f.page && f.bytes >= PAGE_LIMIT) problems.push(`page over ${mb(PAGE_LIMIT)}`);
  misses += problems.length ? 1 : 0;
  console.log(
    `${`${f.name}${f.aliases > 1 ? ` (+${f.aliases - 1})` : ""}`.padEnd(48)} ${mb(f.bytes).padStart(10)} ${String(f.files).padStart(6)}  ${(f.heavy.join(",") || "-").padEnd(6)} ${problems.length ? `MISS: ${problems.join("; ")}` : "ok"}`,
  );
}
const pages = fns.filter((f) => f.page);
console.log(
  `\n${fns.length} functions for ${fns.reduce((n, f) => n + f.aliases, 0)} routes (${pages.length} with pages); largest page ${mb(Math.max(0, ...pages.map((f) => f.bytes)))}; ${misses} missing the goals`,
);
if (!process.env.CHECK_VERCEL_DIR) rmSync(scratch, { recursive: true, force: true });
process.exit(misses ? 1 : 0);
