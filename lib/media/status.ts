import type { MediaStatus } from "@/db/media-schema";

// The app's rules about a media's state; upstream's words for it are mapped in upstream-state.ts.

const order: Record<MediaStatus, number> = {
  not_submitted: 0,
  waiting: 0,
  checking: 1,
  queued: 2,
  processing: 3,
  success: 4,
  fail: 4,
  cancel: 4,
};

export const isTerminal = (s: MediaStatus) => order[s] === 4;
/** Upstream is (or may be) working on it: rendering, or a paid call whose answer is still unknown. */
export const isInFlight = (s: MediaStatus) => s === "queued" || s === "processing" || s === "checking";

/** State only moves forward within one generation: a late "processing" never undoes "success". */
export function isForward(from: MediaStatus, to: MediaStatus): boolean {
  return order[to] > order[from] || (order[to] === order[from] && !isTerminal(from));
}

export const STATUS_LABEL: Record<MediaStatus, string> = {
  not_submitted: "Not submitted",
  waiting: "Waiting",
  checking: "Checking with Vimmerse",
  queued: "Queued",
  processing: "Rendering",
  success: "Ready",
  fail: "Failed",
  cancel: "Cancelled",
};

/** What a page shows live of a media, and what the status poll answers. */
export type LiveItem = { id: string; status: string; progress: number; ready: boolean };

/** Still worth watching: rendering, or finished with its video not copied into the studio yet. */
export const isWatched = (i: LiveItem) =>
  isInFlight(i.status as MediaStatus) || i.status === "waiting" || (i.status === "success" && !i.ready);

/** The gallery's status filter: a group of states under one name. */
export const STATUS_GROUPS = {
  rendering: ["waiting", "checking", "queued", "processing"],
  ready: ["success"],
  failed: ["fail", "cancel"],
  not_submitted: ["not_submitted"],
} as const satisfies Record<string, readonly MediaStatus[]>;
export type StatusGroup = keyof typeof STATUS_GROUPS;

/** Finished media, the only ones a new generation may start from. */
export const TERMINAL_STATUSES = (Object.keys(order) as MediaStatus[]).filter(isTerminal);

/** A media whose upstream made fewer variants than asked counts as ready this long after finishing. */
const SHORT_OF_COPIES_MS = 5 * 60_000;

/**
 * The studio holds every variant of the current version: the moment a finished media counts as
 * ready to play. A media whose upstream made fewer variants than asked counts once it has some
 * and has been finished for a while, so nobody waits forever on a copy that will never come.
 */
export function copiesComplete(
  m: { status: MediaStatus; copies: number; expected: number; finishedAt: Date | null },
  now = Date.now(),
): boolean {
  if (m.status !== "success" || m.copies < 1) return false;
  return m.copies >= m.expected || (m.finishedAt !== null && now - m.finishedAt.getTime() > SHORT_OF_COPIES_MS);
}
