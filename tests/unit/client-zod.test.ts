import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importChain, root } from "../helpers/import-chain";

// zod is ~31 kB of gzip in the browser. The forms of the gallery and the media page only need a
// few constants from modules beside the schemas; importing them from a schema module ships zod.
// This follows every import from those pages' client components and fails on one reaching zod.

const clientFiles = [
  "components/share",
  "components/review",
  "components/media",
  "components/library",
  "components/gallery",
]
  .flatMap((dir) => readdirSync(path.join(root, dir)).map((f) => path.join(root, dir, f)))
  .filter((f) => /\.tsx?$/.test(f) && readFileSync(f, "utf8").startsWith('"use client"'));

const isZod = (spec: string) => spec === "zod" || spec.startsWith("zod/");

describe("client components of the gallery and the media page", () => {
  it.each(clientFiles.map((f) => [path.relative(root, f), f]))("%s ships no zod", (_name, file) => {
    expect(importChain(file, isZod)?.map((f) => path.relative(root, f))).toBeUndefined();
  });
});
