import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";

// Deleting a team or a media cascades along foreign keys; a key whose column leads no index
// makes every cascade step a scan of the whole child table (issue 13: ten minutes for 100,000
// media). The migrated schema must have none; an FK added without its index fails here.

type Unindexed = { table: string; constraint: string; columns: string };

/** Foreign keys of the public schema with no full (non-partial) index whose leading columns are exactly theirs. */
async function unindexedForeignKeys(): Promise<Unindexed[]> {
  const rows = await getDb().execute(sql`
    select c.conrelid::regclass::text as "table", c.conname as "constraint",
           (select string_agg(a.attname, ', ' order by k.ord)
              from unnest(c.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as "columns"
    from pg_constraint c
    where c.contype = 'f'
      and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and i.indpred is null
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
    order by 1, 2`);
  return rows as unknown as Unindexed[];
}

afterEach(async () => {
  await getDb().execute(sql`drop table if exists fk_probe`);
});

describe("foreign key indexes", () => {
  it("every foreign key of the migrated schema has an index leading with its columns", async () => {
    expect(await unindexedForeignKeys()).toEqual([]);
  });

  it("finds a foreign key added without an index, and not once its index exists", async () => {
    await getDb().execute(sql`create table fk_probe (id serial primary key, team_id uuid references teams(id))`);
    expect(await unindexedForeignKeys()).toEqual([
      { table: "fk_probe", constraint: "fk_probe_team_id_fkey", columns: "team_id" },
    ]);
    // A partial index does not serve a cascade over every row.
    await getDb().execute(sql`create index fk_probe_partial on fk_probe (team_id) where id > 10`);
    expect(await unindexedForeignKeys()).toHaveLength(1);
    await getDb().execute(sql`create index fk_probe_team on fk_probe (team_id, id)`);
    expect(await unindexedForeignKeys()).toEqual([]);
  });
});
