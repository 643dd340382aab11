import type { ZipSource } from "@/db/queries/media-assets";
import { isTerminal } from "@/lib/media/status";
import { slugify } from "@/lib/text";

// What goes into a gallery selection's ZIP: every stored MP4 of each media's current version,
// named so a person can tell them apart in a file manager, and a note for the media left out.
// Pure: the names are built from slugs (ASCII letters, digits and dashes), so no entry can
// climb out of the folder it is unpacked into, whatever a title holds.

// `bytes` is the stored size from the row: the writer must know before the first byte whether an
// entry's sizes will need ZIP64 (4 GB or more), since its header goes out before the file is read.
export type ZipEntry = { name: string; storageKey: string; bytes: number };
export type ZipPlan = { entries: ZipEntry[]; left: string[] };

export const README_NAME = "README.txt";

/** Why a media without a stored copy is not in the ZIP, in a few words. */
function reasonFor(status: ZipSource["status"]): string {
  if (status === "success") return "its video is still being copied";
  return isTerminal(status) ? "it has no finished video" : "still rendering";
}

/** "sunset-over-lisbon-1a2b3c4d.mp4", "-2.mp4" for its second copy; a counter if two ever collide. */
export function planZip(rows: ZipSource[], requested: string[]): ZipPlan {
  const order = new Map(requested.map((id, i) => [id, i]));
  const byMedia = new Map<string, ZipSource[]>();
  for (const r of rows) byMedia.set(r.mediaId, [...(byMedia.get(r.mediaId) ?? []), r]);
  const ids = [...byMedia.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const taken = new Set<string>([README_NAME.toLowerCase()]);
  const entries: ZipEntry[] = [];
  const left: string[] = [];
  for (const id of ids) {
    const group = byMedia.get(id)!;
    const { title, motionType, status } = group[0]!;
    const copies = group
      .filter((r) => r.storageKey !== null && r.bytes !== null)
      .sort((a, b) => (a.variantKey ?? "").localeCompare(b.variantKey ?? "", "en", { numeric: true }));
    if (copies.length === 0) {
      left.push(`not included: ${title.trim() || motionType} (${reasonFor(status)})`);
      continue;
    }
    const stem = `${slugify(title || motionType, { max: 60, fallback: "video" })}-${id.slice(0, 8)}`;
    copies.forEach((c, i) => {
      const base = copies.length > 1 ? `${stem}-${i + 1}` : stem;
      let name = `${base}.mp4`;
      for (let n = 2; taken.has(name); n++) name = `${base}-${n}.mp4`;
      taken.add(name);
      entries.push({ name, storageKey: c.storageKey!, bytes: c.bytes! });
    });
  }
  return { entries, left };
}

/** The README.txt of a ZIP that leaves media out, or null when nothing was left out. */
export function readmeOf(plan: ZipPlan): string | null {
  if (plan.left.length === 0) return null;
  return `${["Some of the videos you chose are not in this ZIP:", "", ...plan.left].join("\r\n")}\r\n`;
}
