import { randomBytes } from "node:crypto";

export function slugify(text: string): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base || "team";
}

/** A slug with a short random suffix: unique enough that a collision retry is rare. */
export function uniqueSlug(text: string): string {
  return `${slugify(text)}-${randomBytes(3).toString("hex")}`;
}
