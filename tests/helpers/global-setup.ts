// Builds one migrated template database per run; every test file clones it (fast, isolated).
import { openDb } from "../../db/client";
import { templateDb, urlFor, withAdmin } from "./pg";

export default async function setup() {
  await withAdmin(async (sql) => {
    await sql.unsafe(`drop database if exists ${templateDb} with (force)`);
    await sql.unsafe(`create database ${templateDb}`);
  });
  const handle = openDb({ url: urlFor(templateDb), dataDir: ".data/unused" });
  await handle.migrate();
  await handle.close();
}
