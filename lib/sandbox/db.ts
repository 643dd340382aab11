import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/** The handle the host injects: postgres-js or PGlite, with whatever schema the host uses. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;
