// Times in a video as people write them ("1:23", "83", "83.5", "1:02:03") and as the app stores
// them (whole milliseconds). Shared by the server's schema and the browser's player buttons.

/** The longest time kept: far beyond any render, and well inside the column's integer range. */
export const MAX_TIMECODE_MS = 24 * 60 * 60 * 1000;

export const clampMs = (ms: number) => Math.min(MAX_TIMECODE_MS, Math.max(0, Math.round(ms)));

/**
 * Milliseconds for a written time; null for an empty one (the comment is about the whole
 * version), undefined for one that can't be read. A negative time means "from the start": 0.
 */
export function parseTimecode(text: string): number | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const negative = t.startsWith("-");
  const parts = (negative ? t.slice(1) : t).split(":");
  if (parts.length > 3) return undefined;
  const nums = parts.map((p, i) =>
    (i === parts.length - 1 ? /^\d+(\.\d+)?$/ : /^\d+$/).test(p.trim()) ? Number(p) : Number.NaN,
  );
  if (nums.some(Number.isNaN)) return undefined;
  // Past the first part, minutes and seconds stay below 60: "1:75" is a typo, not 2:15.
  if (nums.slice(1).some((n) => n >= 60)) return undefined;
  const seconds = nums.reduce((acc, n) => acc * 60 + n, 0);
  return negative ? 0 : clampMs(seconds * 1000);
}

/** "0:07", "1:23", "1:02:03": whole seconds, as the player's buttons show them. */
export function formatTimecode(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
