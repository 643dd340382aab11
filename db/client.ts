import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction: query functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  migrate: () => Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "drizzle");

// The embedded PGlite (20 MB of wasm and data) is loaded only where there is no DATABASE_URL:
// a deployment on a database server never loads it, and next.config.js keeps it out of the
// files of its functions. Loaded once, before the first openDb() that needs it.
type Embedded = {
  PGlite: typeof import("@electric-sql/pglite").PGlite;
  drizzle: typeof import("drizzle-orm/pglite").drizzle;
  migrate: typeof import("drizzle-orm/pglite/migrator").migrate;
};
let embedded: Embedded | undefined;

export async function loadEmbedded(): Promise<void> {
  if (embedded) return;
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    byName<typeof import("@electric-sql/pglite")>("@electric-sql/pglite"),
    byName<typeof import("drizzle-orm/pglite")>("drizzle-orm/pglite"),
    byName<typeof import("drizzle-orm/pglite/migrator")>("drizzle-orm/pglite/migrator"),
  ]);
  embedded = { PGlite, drizzle, migrate };
}

/**
 * Imported by Node at run time from node_modules, never seen by the bundler: a literal import
 * would be bundled as an external that Vercel's own file tracer follows into every function
 * (outputFileTracingExcludes does not reach that trace). drizzle's PGlite driver too, since it
 * imports PGlite itself; drizzle tells its objects apart by symbols, so a second copy of it works.
 */
const byName = <T>(name: string): Promise<T> => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name);

/** Opens a database: a PostgreSQL server when a URL is given, else PGlite kept under dataDir. */
export function openDb(opts: { url?: string; dataDir: string }): DbHandle {
  if (opts.url) {
    const client = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema });
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      migrate: () => migratePostgres(db, { migrationsFolder }),
    };
  }
  if (!embedded) throw new Error("No DATABASE_URL, and the embedded database was not loaded (loadEmbedded())");
  const { PGlite, drizzle, migrate } = embedded;
  const dir = path.resolve(opts.dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzle({ client, schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
    migrate: () => migrate(db, { migrationsFolder }),
  };
}
