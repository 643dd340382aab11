import { randomBytes } from "node:crypto";

/** "Sunset over Lisbon!" → "sunset-over-lisbon": ASCII, safe in a URL, a header or a file name. */
export function slugify(text: string, opts: { max?: number; fallback?: string } = {}): string {
  const max = opts.max ?? 40;
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return base || (opts.fallback ?? "team");
}

/** A slug with a short random suffix: unique enough that a collision retry is rare. */
export function uniqueSlug(text: string): string {
  return `${slugify(text)}-${randomBytes(3).toString("hex")}`;
}
