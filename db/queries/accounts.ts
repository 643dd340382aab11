import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { accounts } from "../schema";

/** The user a GitHub or Google identity is linked to, if any. */
export async function userIdByAccount(db: DbOrTx, provider: string, providerAccountId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row?.userId ?? null;
}
