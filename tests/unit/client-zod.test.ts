import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// zod is ~31 kB of gzip in the browser. The forms of the gallery and the media page only need a
// few constants from modules beside the schemas; importing them from a schema module ships zod.
// This follows every import from those pages' client components and fails on one reaching zod.

const root = path.resolve(import.meta.dirname, "../..");
const resolve = (from: string, spec: string): string | null => {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(c) && c.match(/\.tsx?$/)) return c;
  }
  return null;
};

/** The chain of files from `file` to an import of zod, or null. Type-only imports ship nothing. */
function zodChain(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const src = readFileSync(file, "utf8");
  // A server action reaches the browser as a reference, never as code.
  if (/^["']use server["']/.test(src)) return null;
  for (const m of src.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
    if (m[1]) continue;
    const spec = m[2]!;
    if (spec === "zod" || spec.startsWith("zod/")) return [file];
    const next = resolve(file, spec);
    const chain = next && zodChain(next, seen);
    if (chain) return [file, ...chain];
  }
  return null;
}

const clientFiles = [
  "components/share",
  "components/review",
  "components/media",
  "components/library",
  "components/gallery",
]
  .flatMap((dir) => readdirSync(path.join(root, dir)).map((f) => path.join(root, dir, f)))
  .filter((f) => /\.tsx?$/.test(f) && readFileSync(f, "utf8").startsWith('"use client"'));

describe("client components of the gallery and the media page", () => {
  it.each(clientFiles.map((f) => [path.relative(root, f), f]))("%s ships no zod", (_name, file) => {
    expect(zodChain(file)?.map((f) => path.relative(root, f))).toBeUndefined();
  });
});
