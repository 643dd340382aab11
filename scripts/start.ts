// The README's start command: nothing to configure. It keeps a generated AUTH_SECRET under the
// data folder, migrates the database (embedded PGlite unless DATABASE_URL is set), builds the
// app when the sources are newer than the last build, and serves it.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, dbHandle } from "../lib/db";
import { ConfigError, env } from "../lib/env";

const port = process.env.PORT ?? "3000";
process.env.APP_URL ??= `http://localhost:${port}`;
Object.assign(process.env, { NODE_ENV: "production" });

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });
if (!process.env.AUTH_SECRET) {
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

try {
  env();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const handle = dbHandle();
await handle.migrate();
console.log(
  `Database ready (${handle.kind === "pglite" ? `embedded, in ${path.join(dataDir, "pglite")}` : "DATABASE_URL"}).`,
);
await closeDb();

function newestSource(dir: string): number {
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
  const built = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

console.log(
  `Vimmerse Studio on ${process.env.APP_URL}${env().VIMMERSE_API_KEY ? "" : " (offline sandbox in place of the Vimmerse cloud)"}`,
);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
