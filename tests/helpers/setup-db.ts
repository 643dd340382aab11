// Runs in each test file's worker before it loads: gives the file its own database, cloned from
// the migrated template, and empties every table before each test so tests never see each other.
import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, inject } from "vitest";
import { closeDb, dbHandle } from "../../lib/db";
import { urlFor, withAdmin } from "./pg";

const name = `studio_t_${randomBytes(6).toString("hex")}`;
await withAdmin((sql) => sql.unsafe(`create database ${name} template ${inject("templateDb")}`));
process.env.DATABASE_URL = urlFor(name);
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";

beforeEach(async () => {
  const { db } = dbHandle();
  await db.execute(`do $$ declare r record; begin
    for r in select tablename from pg_tables where schemaname = 'public' loop
      execute 'truncate table public.' || quote_ident(r.tablename) || ' restart identity cascade';
    end loop; end $$;`);
});

afterAll(async () => {
  await closeDb();
  await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
});
