import { eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { rateLimits } from "../schema";

// Fixed-window counters shared by every server instance. One statement counts a hit and says
// where the window stands, so two instances racing on the same key both see the true count.

export type Hit = { hits: number; windowEndsAt: Date; now: Date };

export async function countHit(db: DbOrTx, key: string, windowSeconds: number): Promise<Hit> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`${rateLimits.windowStartedAt} <= now() - ${window}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, hits: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimits.hits} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({
      hits: rateLimits.hits,
      windowEndsAt: sql<string>`${rateLimits.windowStartedAt} + ${window}`,
      now: sql<string>`now()`,
    });
  // An upsert always returns its row.
  if (!row) throw new Error("rate_limits upsert returned nothing");
  return { hits: row.hits, windowEndsAt: new Date(row.windowEndsAt), now: new Date(row.now) };
}

/** Forgets a key (a right password ends the run of wrong ones). */
export async function clearHits(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops counters whose window ended long ago; the reconciler's cron calls it. */
export async function pruneRateLimits(db: DbOrTx, olderThanSeconds = 86_400): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStartedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`))
    .returning({ key: rateLimits.key });
  return gone.length;
}
