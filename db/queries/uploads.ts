import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { uploads } from "../media-schema";

// Every read takes the team: an upload of another team is indistinguishable from none.

export type Upload = typeof uploads.$inferSelect;
export type NewUpload = Omit<typeof uploads.$inferInsert, "id" | "createdAt">;

/** Records a stored file once: a repeated notice for the same stored file returns the first row. */
export async function recordUpload(db: DbOrTx, row: NewUpload): Promise<Upload> {
  const [inserted] = await db
    .insert(uploads)
    .values(row)
    .onConflictDoNothing({ target: [uploads.storage, uploads.storageKey] })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.storage, row.storage), eq(uploads.storageKey, row.storageKey)))
    .limit(1);
  if (!existing) throw new Error("upload vanished while being recorded");
  return existing;
}

export async function getUploadForTeam(db: DbOrTx, teamId: string, id: string): Promise<Upload | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.teamId, teamId), eq(uploads.id, id)))
    .limit(1);
  return row ?? null;
}

export async function getUploadsForTeam(db: DbOrTx, teamId: string, ids: string[]): Promise<Upload[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.teamId, teamId), inArray(uploads.id, valid)));
}

export async function listRecentUploads(db: DbOrTx, teamId: string, limit = 24): Promise<Upload[]> {
  return db.select().from(uploads).where(eq(uploads.teamId, teamId)).orderBy(desc(uploads.createdAt)).limit(limit);
}
