import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// Follows a file's static imports through the project's own files: what a page's bundle
// is made of. `import()` is not followed: that code loads on demand, in a chunk of its own.

export const root = path.resolve(import.meta.dirname, "../..");

const resolve = (from: string, spec: string): string | null => {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(c) && c.match(/\.tsx?$/)) return c;
  }
  return null;
};

/**
 * The chain of files from `file` to one that `hit` accepts (a package specifier, or a project file
 * by its path from the root; with the import's clause, e.g. `{ Dialog as DialogPrimitive }`), or null. Type-only imports ship nothing; a server action reaches the
 * browser as a reference, never as code.
 */
export function importChain(
  file: string,
  hit: (spec: string, clause: string) => boolean,
  seen = new Set<string>(),
): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const src = readFileSync(file, "utf8");
  if (/^["']use server["']/.test(src)) return null;
  for (const m of src.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)from\s+"([^"]+)"/gms)) {
    if (m[1]) continue;
    const spec = m[3]!;
    const next = resolve(file, spec);
    if (hit(next ? path.relative(root, next) : spec, m[2]!)) return [file];
    const chain = next && importChain(next, hit, seen);
    if (chain) return [file, ...chain];
  }
  return null;
}
