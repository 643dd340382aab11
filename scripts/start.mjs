// The README's start command: nothing to configure. It keeps a generated AUTH_SECRET under the
// data folder, migrates the database (embedded PGlite unless DATABASE_URL is set), builds the
// app when the sources are newer than the last build, and serves it.
//
// Plain JavaScript run by node itself, and Next's server runs in this same process: no tsx, no
// npx, no second Node holding memory beside the server (the wrappers used to double the tree).
// The steps that need the app's TypeScript (checking the settings, migrating) run in a child
// that exits before the server starts.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const port = Number(process.env.PORT ?? "3000");
process.env.APP_URL ??= `http://localhost:${port}`;
Object.assign(process.env, { NODE_ENV: "production" });

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });
if (!process.env.AUTH_SECRET) {
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

/** Runs a Node child to completion with this process's settings; its failure is ours. */
function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Settings checked (a bad one stops here with its name) and the database migrated.
run(["--import", "tsx", "scripts/start.ts"]);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = path.resolve(".next/BUILD_ID");
const sources = ["app", "components", "lib", "db", "package.json", "next.config.js"]
  .filter((p) => existsSync(p))
  .map((p) => (statSync(p).isDirectory() ? newestSource(p) : statSync(p).mtimeMs));
if (!existsSync(buildId) || Math.max(...sources) > statSync(buildId).mtimeMs) {
  console.log("Building the app (first start, or sources changed)…");
  run([require.resolve("next/dist/bin/next"), "build"]);
}

const sandbox = !process.env.VIMMERSE_API_KEY?.trim();
console.log(
  `Vimmerse Studio on ${process.env.APP_URL}${sandbox ? " (offline sandbox in place of the Vimmerse cloud)" : ""}`,
);

// Our own stop instead of Next's: its graceful close waits for every idle keep-alive connection a
// browser holds, for minutes, while the embedded database the next start needs stays locked.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
/** How long open requests and the database get to finish before the process exits anyway. */
const GRACE_MS = 3_000;
let stopping = false;
for (const [sig, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), GRACE_MS).unref();
    // The app's database handle (lib/db.ts keeps it on globalThis): PGlite flushed and unlocked.
    const db = globalThis.__studioDb;
    globalThis.__studioDb = undefined;
    Promise.resolve(db?.close())
      .catch(() => {})
      .finally(() => process.exit(code));
  });
}

const { nextStart } = require("next/dist/cli/next-start");
await nextStart({ port });
