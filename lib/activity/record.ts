import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertActivity, type NewActivity } from "@/db/queries/activity";

export type { NewActivity };

/**
 * Records what happened in a team (one line each in its activity feed). Call it in the same
 * transaction as the change it describes, so a rolled-back change leaves no line behind.
 */
export async function recordActivity(db: DbOrTx, ...lines: NewActivity[]): Promise<void> {
  await insertActivity(db, lines);
}
