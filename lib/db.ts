import { type Db, type DbHandle, loadEmbedded, openDb } from "@/db/client";
import { env } from "@/lib/env";

// The app's one database handle, opened from the configuration on first use: PostgreSQL when
// DATABASE_URL is set, else the embedded PGlite under DATA_DIR. Kept on globalThis so dev-server
// reloads don't open a second PGlite.

const g = globalThis as unknown as { __studioDb?: DbHandle };

// Without a database server the embedded one is loaded now, once, so that opening it later stays
// synchronous. Read from process.env directly: env() would reject a bad setting at import time,
// and this is only about which database, not about the setting being valid.
if (!process.env.DATABASE_URL?.trim()) await loadEmbedded();

export function dbHandle(): DbHandle {
  if (!g.__studioDb) {
    const e = env();
    g.__studioDb = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
  }
  return g.__studioDb;
}

export function getDb(): Db {
  return dbHandle().db;
}

export async function closeDb(): Promise<void> {
  const h = g.__studioDb;
  g.__studioDb = undefined;
  await h?.close();
}
