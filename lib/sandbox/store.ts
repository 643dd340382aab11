import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "./db";
import { type SandboxMediaRow, sandboxMedia } from "./schema";

// Media rows double as jobs. A worker claims a row by setting locked_by/locked_until in one
// UPDATE over a SKIP LOCKED sub-select, so two workers (threads, processes, machines) never
// render the same generation at once; a lock that is not renewed expires and the job is
// picked up again, which is how a render interrupted by a crash or restart resumes.

export const PENDING = ["queue_bullet", "processing_bullet"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const lockFor = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`;

export async function findMedia(db: Db, id: string, customerId: string): Promise<SandboxMediaRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select()
    .from(sandboxMedia)
    .where(and(eq(sandboxMedia.id, id), eq(sandboxMedia.customerId, customerId)));
  return row ?? null;
}

export async function insertMedia(db: Db, row: typeof sandboxMedia.$inferInsert): Promise<SandboxMediaRow> {
  const [created] = await db.insert(sandboxMedia).values(row).returning();
  return created!;
}

export type MediaPatch = PgUpdateSetSource<typeof sandboxMedia>;

export async function updateMedia(db: Db, id: string, patch: MediaPatch): Promise<SandboxMediaRow> {
  const [row] = await db
    .update(sandboxMedia)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(sandboxMedia.id, id))
    .returning();
  return row!;
}

/** Claims the oldest pending job nobody holds, marking it processing. */
export async function claimJob(db: Db, owner: string, lockMs: number): Promise<SandboxMediaRow | null> {
  const next = db
    .select({ id: sandboxMedia.id })
    .from(sandboxMedia)
    .where(
      and(
        inArray(sandboxMedia.status, PENDING),
        or(isNull(sandboxMedia.lockedUntil), lt(sandboxMedia.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(sandboxMedia.updatedAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(sandboxMedia)
    .set({
      status: "processing_bullet",
      lockedBy: owner,
      lockedUntil: lockFor(lockMs),
      attempts: sql`${sandboxMedia.attempts} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(inArray(sandboxMedia.id, next), inArray(sandboxMedia.status, PENDING)))
    .returning();
  return row ?? null;
}

/** Renews the claim (and records progress); false when the job was taken over or resubmitted. */
export async function heartbeat(
  db: Db,
  id: string,
  generation: number,
  owner: string,
  lockMs: number,
  progress?: number,
): Promise<boolean> {
  const rows = await db
    .update(sandboxMedia)
    .set({
      lockedUntil: lockFor(lockMs),
      ...(progress !== undefined
        ? { progress: sql`greatest(${sandboxMedia.progress}, ${progress})`, updatedAt: sql`now()` }
        : {}),
    })
    .where(and(eq(sandboxMedia.id, id), eq(sandboxMedia.generation, generation), eq(sandboxMedia.lockedBy, owner)))
    .returning({ id: sandboxMedia.id });
  return rows.length > 0;
}

/** Ends a claim with a final state; null when the claim was lost meanwhile (nothing written). */
export async function finishJob(
  db: Db,
  id: string,
  generation: number,
  owner: string,
  patch: MediaPatch,
): Promise<SandboxMediaRow | null> {
  const [row] = await db
    .update(sandboxMedia)
    .set({ ...patch, lockedBy: null, lockedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(sandboxMedia.id, id), eq(sandboxMedia.generation, generation), eq(sandboxMedia.lockedBy, owner)))
    .returning();
  return row ?? null;
}

/** Gives a claim back untouched (a worker stopping), so another worker may resume it at once. */
export async function releaseJob(db: Db, id: string, owner: string): Promise<void> {
  await db
    .update(sandboxMedia)
    .set({ lockedBy: null, lockedUntil: null })
    .where(and(eq(sandboxMedia.id, id), eq(sandboxMedia.lockedBy, owner)));
}

export async function hasPendingJobs(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: sandboxMedia.id })
    .from(sandboxMedia)
    .where(
      and(
        inArray(sandboxMedia.status, PENDING),
        or(isNull(sandboxMedia.lockedUntil), lt(sandboxMedia.lockedUntil, sql`now()`)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
