// The part of the start command (scripts/start.mjs) that needs the app's TypeScript: checks the
// settings (a bad one stops the start with its name) and migrates the database, then exits so
// that none of it stays in memory beside the server. Run by start.mjs as
// `node --import tsx scripts/start.ts`.
import path from "node:path";
import { closeDb, dbHandle } from "../lib/db";
import { ConfigError, env } from "../lib/env";

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
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
console.log(
  `Database ready (${handle.kind === "pglite" ? `embedded, in ${path.join(dataDir, "pglite")}` : "DATABASE_URL"}).`,
);
await closeDb();
