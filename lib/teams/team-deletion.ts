import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  deleteEmptyTeam,
  deleteMediaBatch,
  deleteUploads,
  findLiveTeam,
  hasDeletingTeams,
  lockDeletingTeam,
  markTeamDeleting,
  mediaBatchOf,
  uploadBatchOf,
} from "@/db/queries/team-deletion";
import { STALE_CLAIM_MS } from "@/lib/media/copies";
import type { Storage } from "@/lib/storage/types";
import type { Actor } from "./service";

// Deleting a whole team: the owner's click only marks it (one short transaction: every member
// loses it at once, its slug is free again); the purge then empties it in batches from the
// background (the reconciler pass, or Vercel Cron), so 100,000 media take minutes of small
// transactions instead of one cascade that holds locks for as long as it runs.

export const OWNERS_ONLY = "Only an owner can delete the team.";

export const deleteTeamSchema = z.object({ confirmName: z.string().max(200, "That is not the team's name.") });

export type DeleteTeamResult =
  | { ok: true; teamName: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string[]> };

export async function deleteTeamAs(db: Db, actor: Actor, input: { confirmName: string }): Promise<DeleteTeamResult> {
  if (actor.role !== "owner") return { ok: false, error: OWNERS_ONLY };
  const team = await findLiveTeam(db, actor.teamId);
  if (!team) return { ok: false, error: "This team is already being deleted." };
  const wrong = { ok: false as const, fieldErrors: { confirmName: [`Type the team's name exactly: ${team.name}`] } };
  if (input.confirmName.trim() !== team.name) return wrong;
  // Conditional on the name just compared: a rename in between asks for the new name.
  if (!(await markTeamDeleting(db, team.id, actor.userId, team.name))) return wrong;
  return { ok: true, teamName: team.name };
}

// ---- the purge ----------------------------------------------------------------------------

export type TeamPurgeDeps = { db: Db; storage: Storage };
export type TeamPurgeReport = {
  batches: number;
  media: number;
  uploads: number;
  files: number;
  /** Uploads kept in another store than this one: their rows go, their files cannot be reached. */
  unreachable: number;
  teamsDeleted: number;
  /** Batches that threw (a storage hiccup): rolled back, the next call does them again. */
  failed: number;
  /** A team is still being deleted: call again. */
  more: boolean;
};

/** Batches end once a call has run this long: a Vercel function has a deadline. */
export const PURGE_BUDGET_MS = 20_000;
/** Storage deletes in flight at once (UploadThing is a network call per file). */
const FILE_CONCURRENCY = 8;

type Step = { done: "media" | "uploads" | "team" | "idle" } | { done: "blocked"; teamId: string };

/**
 * Purges teams being deleted, the oldest first, one batch per transaction, until nothing is left
 * or `budgetMs` has passed. Each batch holds its team's row lock (skipped by a concurrent call,
 * which moves on to another team or stops) and deletes the files before the rows: a crash midway
 * rolls the rows back, so the next call lists the same files again (deleting a missing file is no
 * error) and then deletes the rows. The other order would leave files no row names any more.
 */
export async function purgeDeletingTeams(
  deps: TeamPurgeDeps,
  opts: { mediaBatch?: number; budgetMs?: number; now?: () => Date } = {},
): Promise<TeamPurgeReport> {
  const limit = opts.mediaBatch ?? 500;
  const budget = opts.budgetMs ?? PURGE_BUDGET_MS;
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const report: TeamPurgeReport = {
    batches: 0,
    media: 0,
    uploads: 0,
    files: 0,
    unreachable: 0,
    teamsDeleted: 0,
    failed: 0,
    more: false,
  };
  // Teams whose last media have a copy being written right now: a later call takes them.
  const held: string[] = [];
  // At least one batch per call, however small the budget.
  do {
    let step: Step;
    try {
      step = await purgeBatch(deps, limit, new Date(now().getTime() - STALE_CLAIM_MS), held, report);
    } catch (err) {
      // The other background work of the pass must still run: this call ends, the next retries.
      console.error("[team-deletion] purge batch:", err instanceof Error ? err.message : err);
      report.failed++;
      report.more = true;
      return report;
    }
    if (step.done === "idle") {
      report.more = held.length > 0;
      return report;
    }
    if (step.done === "blocked") held.push(step.teamId);
    else report.batches++;
  } while (Date.now() - started < budget);
  report.more = await hasDeletingTeams(deps.db);
  return report;
}

async function purgeBatch(
  deps: TeamPurgeDeps,
  limit: number,
  claimsSince: Date,
  held: string[],
  report: TeamPurgeReport,
) {
  return deps.db.transaction(async (tx): Promise<Step> => {
    const teamId = await lockDeletingTeam(tx, held);
    if (!teamId) return { done: "idle" };
    const batch = await mediaBatchOf(tx, teamId, limit, claimsSince);
    if (batch.ids.length) {
      await deleteFiles(deps.storage, batch.keys);
      report.media += await deleteMediaBatch(tx, teamId, batch.ids);
      report.files += batch.keys.length;
      return { done: "media" };
    }
    if (batch.left) return { done: "blocked", teamId };
    const ups = await uploadBatchOf(tx, teamId, limit);
    if (ups.length) {
      const here = ups.filter((u) => u.storage === deps.storage.kind);
      const keys = here.flatMap((u) => (u.thumbnailKey ? [u.storageKey, u.thumbnailKey] : [u.storageKey]));
      await deleteFiles(deps.storage, keys);
      report.uploads += await deleteUploads(
        tx,
        teamId,
        ups.map((u) => u.id),
      );
      report.files += keys.length;
      report.unreachable += ups.length - here.length;
      return { done: "uploads" };
    }
    if (await deleteEmptyTeam(tx, teamId)) report.teamsDeleted++;
    return { done: "team" };
  });
}

async function deleteFiles(storage: Storage, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += FILE_CONCURRENCY)
    await Promise.all(keys.slice(i, i + FILE_CONCURRENCY).map((k) => storage.delete(k)));
}
