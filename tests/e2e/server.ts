// Serves the production build for the browser tests: a fresh database on the test server,
// a fresh data folder, the offline sandbox as upstream.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { openDb } from "../../db/client";
import { urlFor, withAdmin } from "../helpers/pg";
import { E2E_AUTH_SECRET, E2E_CRON_SECRET, E2E_DATABASE } from "./helpers";

const port = process.env.E2E_PORT ?? "3100";
const database = E2E_DATABASE;
const dataDir = path.resolve(".data/e2e");

await withAdmin(async (sql) => {
  await sql.unsafe(`drop database if exists ${database} with (force)`);
  await sql.unsafe(`create database ${database}`);
});
rmSync(dataDir, { recursive: true, force: true });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: urlFor(database),
  DATA_DIR: dataDir,
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: E2E_AUTH_SECRET,
  CRON_SECRET: E2E_CRON_SECRET,
  VIMMERSE_API_KEY: "",
  // The operator of admin.spec.ts; nobody else reaches /admin.
  ADMIN_EMAILS: "operator@e2e.test",
};

const handle = openDb({ url: urlFor(database), dataDir });
await handle.migrate();
await handle.close();

const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
