import { type Db, type DbHandle, openDb } from "@/db/client";
import { env } from "@/lib/env";

// The app's one database handle, opened from the configuration on first use: PostgreSQL when
// DATABASE_URL is set, else the embedded PGlite under DATA_DIR. Kept on globalThis so dev-server
// reloads don't open a second PGlite.

const g = globalThis as unknown as { __studioDb?: DbHandle };

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
