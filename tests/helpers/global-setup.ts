// Builds one migrated template database per run; every test file clones it (fast, isolated).
// The name is unique per run so that two runs on one server never trip over each other.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { openDb } from "../../db/client";
import { urlFor, withAdmin } from "./pg";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const templateDb = `studio_tpl_${randomBytes(5).toString("hex")}`;
  await withAdmin((sql) => sql.unsafe(`create database ${templateDb}`));
  const handle = openDb({ url: urlFor(templateDb), dataDir: ".data/unused" });
  await handle.migrate();
  await handle.close();
  project.provide("templateDb", templateDb);
  return async () => {
    await withAdmin((sql) => sql.unsafe(`drop database if exists ${templateDb} with (force)`));
  };
}
