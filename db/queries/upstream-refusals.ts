import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { upstreamRefusals } from "../media-schema";

// Object types upstream refused to make, shared by every server instance.

export async function isRefused(db: DbOrTx, objectType: string): Promise<boolean> {
  const [row] = await db
    .select({ objectType: upstreamRefusals.objectType })
    .from(upstreamRefusals)
    .where(eq(upstreamRefusals.objectType, objectType))
    .limit(1);
  return Boolean(row);
}

export async function recordRefusal(db: DbOrTx, objectType: string, code: string | null): Promise<void> {
  await db.insert(upstreamRefusals).values({ objectType, code }).onConflictDoNothing();
}
