import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/** The handle the host injects: postgres-js or PGlite, with whatever schema the host uses. */
// biome-ignore lint/suspicious/noExplicitAny: a drizzle handle over any schema (postgres-js or PGlite)
export type Db = PgDatabase<PgQueryResultHKT, any>;
