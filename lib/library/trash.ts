import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/db/ids";
import {
  assetsOfMedia,
  deletePurgedMedia,
  findTeamMedia,
  listPurgeable,
  markForPurge,
  restoreMedia,
  trashMedia,
  uploadsOnlyUsedBy,
} from "@/db/queries/trash";
import { recordMediaStep } from "@/lib/activity/lines";
import type { FormState } from "@/lib/form-state";
import { STALE_CLAIM_MS } from "@/lib/media/copies";
import type { Storage } from "@/lib/storage/types";
import { type Actor, atLeast, mayDeleteWhatTheyMade, VIEWER_REFUSAL } from "@/lib/teams/service";

// Delete → Trash → restore → purge. A deleted media waits in its team's Trash for TRASH_DAYS
// (out of the gallery, the line of renders and every list), then goes with its stored copies and
// the uploads nothing else uses. The video stays in the Vimmerse account: the API has no delete.

export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;
/** At most this many ids per request. */
export const MAX_IDS = 100;

/** Media in the Trash since before this are past restoring: the purge takes them. */
export const retainedSince = (now = new Date()) => new Date(now.getTime() - TRASH_DAYS * DAY_MS);
export const purgeDateOf = (deletedAt: Date) => new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS);

/** Its creator (a member or above), admins and owners; viewers never. */
export const canTrash = mayDeleteWhatTheyMade;
export const canDeleteForever = (role: Actor["role"]) => atLeast(role, "admin");

/** "id1,id2,…": one to MAX_IDS media ids, as the forms send them. */
export const idsSchema = z.object({
  ids: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().refine(isUuid, "Not a video of this team."))
        .min(1, "Choose at least one video.")
        .max(MAX_IDS, `At most ${MAX_IDS} videos at once.`),
    ),
});

export type TrashResult = FormState & { ids?: string[] };

const NOT_FOUND = "That video doesn't exist.";
const NOT_YOURS = "Only its creator, admins and owners can delete or restore it.";
const plural = (n: number) => `${n} video${n === 1 ? "" : "s"}`;

/** A member acts on their own media only; admins and owners on any of the team's. */
const ownOnly = (actor: Actor) => (atLeast(actor.role, "admin") ? undefined : actor.userId);

async function outcome(
  db: DbOrTx,
  actor: Actor,
  ids: string[],
  done: string[],
  verb: string,
  already: string,
): Promise<TrashResult> {
  if (done.length === ids.length) return { ok: true, message: `${plural(done.length)} ${verb}.`, ids: done };
  if (ids.length === 1) {
    const [found] = await findTeamMedia(db, actor.teamId, ids);
    return { ok: false, error: !found ? NOT_FOUND : canTrash(actor, found.createdBy) ? already : NOT_YOURS };
  }
  if (done.length === 0) return { ok: false, error: `None of these videos could be ${verb}.` };
  const skipped = ids.length - done.length;
  return {
    ok: true,
    message: `${plural(done.length)} ${verb}; ${plural(skipped)} could not be (unknown, not yours, or already done).`,
    ids: done,
  };
}

/** Moves media to the Trash. Another team's ids change nothing and read as unknown. */
export async function trashAs(db: DbOrTx, actor: Actor, ids: string[]): Promise<TrashResult> {
  if (!atLeast(actor.role, "member")) return { ok: false, error: VIEWER_REFUSAL };
  const done = await db.transaction(async (tx) => {
    const moved = await trashMedia(tx, actor.teamId, ids, actor.userId, ownOnly(actor));
    await recordMediaStep(tx, actor, "deleted", moved);
    return moved;
  });
  return outcome(db, actor, ids, done, "moved to the Trash", "It is already in the Trash.");
}

/** Back to the library, with the same rights as deleting. */
export async function restoreAs(db: DbOrTx, actor: Actor, ids: string[], now = new Date()): Promise<TrashResult> {
  if (!atLeast(actor.role, "member")) return { ok: false, error: VIEWER_REFUSAL };
  const done = await db.transaction(async (tx) => {
    const back = await restoreMedia(tx, actor.teamId, ids, retainedSince(now), ownOnly(actor));
    await recordMediaStep(tx, actor, "restored", back);
    return back;
  });
  return outcome(db, actor, ids, done, "restored", "It is not in the Trash, or is already being deleted.");
}

/** Admins and owners: purge these trashed media now (what is left the reconciler finishes). */
export async function deleteForeverAs(deps: PurgeDeps, actor: Actor, ids: string[]): Promise<TrashResult> {
  if (!canDeleteForever(actor.role)) return { ok: false, error: "Only owners and admins can delete videos forever." };
  const marked = await deps.db.transaction(async (tx) => {
    const purging = await markForPurge(tx, actor.teamId, ids);
    await recordMediaStep(tx, actor, "deleted", purging, { forever: true });
    return purging;
  });
  if (marked.length === 0) return { ok: false, error: "Those videos are not in the Trash." };
  const report = await purgeTrash(deps, { limit: marked.length, only: { teamId: actor.teamId, ids: marked } });
  const later = marked.length - report.purged;
  return {
    ok: true,
    message: `${plural(report.purged)} deleted forever${later ? `; ${later} will be shortly` : ""}.`,
    ids: marked,
  };
}

// ---- the purge ----------------------------------------------------------------------------

export type PurgeDeps = { db: DbOrTx; storage: Storage };
export type PurgeReport = { purged: number; files: number; uploads: number; failed: number };

/**
 * Purges up to `limit` media past their time in the Trash (or marked "Delete forever"). Files go
 * before rows: a crash or a storage error midway leaves the rows, so the next pass lists the same
 * files again and deletes them again (deleting a missing file is no error), then the rows. The
 * other order would leave files no row names any more, never found again.
 */
export async function purgeTrash(
  deps: PurgeDeps,
  opts: { limit?: number; now?: Date; only?: { teamId: string; ids: string[] } } = {},
): Promise<PurgeReport> {
  const report: PurgeReport = { purged: 0, files: 0, uploads: 0, failed: 0 };
  const now = opts.now ?? new Date();
  const before = retainedSince(now);
  const claimsSince = new Date(now.getTime() - STALE_CLAIM_MS);
  const due = await listPurgeable(deps.db, before, claimsSince, opts.limit ?? 20, opts.only);
  for (const m of due) {
    try {
      const assets = await assetsOfMedia(deps.db, m.teamId, m.id);
      // Uploads kept in another store (the app switched to or from UploadThing) cannot be reached
      // from here: they stay, row and file, rather than losing the row of a file that stays.
      const ups = await uploadsOnlyUsedBy(deps.db, m.teamId, m.id, deps.storage.kind);
      const keys = [
        ...assets.map((a) => a.storageKey),
        ...ups.flatMap((u) => (u.thumbnailKey ? [u.storageKey, u.thumbnailKey] : [u.storageKey])),
      ];
      for (const key of keys) await deps.storage.delete(key);
      const gone = await deletePurgedMedia(
        deps.db,
        m.teamId,
        m.id,
        before,
        assets.map((a) => a.id),
        ups.map((u) => u.id),
      );
      if (gone) {
        report.purged++;
        report.files += keys.length;
        report.uploads += ups.length;
      }
    } catch (err) {
      // One media (a storage hiccup) must not hold up the others; its rows stay for the next pass.
      console.error(`[trash] purge ${m.id}:`, err instanceof Error ? err.message : err);
      report.failed++;
    }
  }
  return report;
}
