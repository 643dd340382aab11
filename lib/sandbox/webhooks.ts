import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "./db";
import { type SandboxWebhookRow, sandboxWebhooks } from "./schema";

// Webhook notices are rows: written in the same transaction as the job's final state, then
// delivered by the worker, to the host's origin only. A non-2xx answer or a network error schedules a retry with backoff;
// after the last try the notice is marked failed (upstream promises no more than that).

/** Delay before attempt n+1 after n failed attempts; five attempts in all. */
export const BACKOFF_MS = [2_000, 5_000, 15_000, 60_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
const TIMEOUT_MS = 10_000;
const LOCK_MS = 30_000;

export async function enqueueWebhook(
  db: Db,
  mediaId: string,
  url: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await db.insert(sandboxWebhooks).values({ mediaId, url, payload });
}

async function claimDue(db: Db): Promise<SandboxWebhookRow | null> {
  const next = db
    .select({ id: sandboxWebhooks.id })
    .from(sandboxWebhooks)
    .where(
      and(
        eq(sandboxWebhooks.status, "pending"),
        lte(sandboxWebhooks.nextAttemptAt, sql`now()`),
        or(isNull(sandboxWebhooks.lockedUntil), lt(sandboxWebhooks.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(sandboxWebhooks.nextAttemptAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(sandboxWebhooks)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${LOCK_MS / 1000})` })
    .where(and(inArray(sandboxWebhooks.id, next), eq(sandboxWebhooks.status, "pending")))
    .returning();
  return row ?? null;
}

/**
 * Delivers one due notice if there is one; returns whether there was. A notice whose URL is not
 * `allowed` (off the host's origin) fails at once without a request; redirects are not followed.
 */
export async function deliverOne(db: Db, fetchFn: typeof fetch, allowed: (url: string) => boolean): Promise<boolean> {
  const hook = await claimDue(db);
  if (!hook) return false;
  if (!allowed(hook.url)) {
    await db
      .update(sandboxWebhooks)
      .set({ status: "failed", lockedUntil: null, lastError: "REFUSED: not the studio's origin" })
      .where(eq(sandboxWebhooks.id, hook.id));
    return true;
  }
  let error: string | null = null;
  try {
    const res = await fetchFn(hook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "vimmerse-sandbox/1" },
      body: JSON.stringify(hook.payload),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The body is not needed, but an unread body keeps the connection busy.
    await res.body?.cancel().catch(() => {});
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const attempts = hook.attempts + 1;
  if (error === null) {
    await db
      .update(sandboxWebhooks)
      .set({ status: "delivered", attempts, deliveredAt: sql`now()`, lockedUntil: null, lastError: null })
      .where(eq(sandboxWebhooks.id, hook.id));
  } else if (attempts >= MAX_ATTEMPTS) {
    await db
      .update(sandboxWebhooks)
      .set({ status: "failed", attempts, lockedUntil: null, lastError: error })
      .where(eq(sandboxWebhooks.id, hook.id));
  } else {
    const delay = BACKOFF_MS[attempts - 1]!;
    await db
      .update(sandboxWebhooks)
      .set({
        attempts,
        lockedUntil: null,
        lastError: error,
        nextAttemptAt: sql`now() + make_interval(secs => ${delay / 1000})`,
      })
      .where(eq(sandboxWebhooks.id, hook.id));
  }
  return true;
}
