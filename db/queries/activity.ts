import type { DbOrTx } from "../client";
import { type ActivityKind, activity } from "../library-schema";

export type NewActivity = {
  teamId: string;
  kind: ActivityKind;
  actorId?: string | null;
  mediaId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends lines to teams' activity feeds; returns their ids in the same order. */
export async function insertActivity(db: DbOrTx, rows: NewActivity[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(activity)
    .values(
      rows.map((r) => ({
        teamId: r.teamId,
        kind: r.kind,
        actorId: r.actorId ?? null,
        mediaId: r.mediaId ?? null,
        data: r.data ?? {},
      })),
    )
    .returning({ id: activity.id });
  return inserted.map((r) => r.id);
}
