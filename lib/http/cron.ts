import { createHash, timingSafeEqual } from "node:crypto";

// A cron route's door. Vercel Cron calls it with `Authorization: Bearer <CRON_SECRET>`. Without a configured
// secret the route is closed (503) rather than open to anyone who finds it.

export type CronDeps = { cronSecret: string | undefined; run: () => Promise<unknown> };

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time on equal-length digests, so neither length nor prefix leaks. */
export function bearerMatches(header: string | null, secret: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  return Boolean(m) && timingSafeEqual(digest(m![1]!), digest(secret));
}

export async function handleCron(deps: CronDeps, request: Request): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (!deps.cronSecret) return Response.json({ error: "CRON_SECRET is not set" }, { status: 503, headers });
  if (!bearerMatches(request.headers.get("authorization"), deps.cronSecret)) {
    return Response.json(
      { error: "unauthorized" },
      { status: 401, headers: { ...headers, "www-authenticate": "Bearer" } },
    );
  }
  try {
    return Response.json({ ok: true, report: await deps.run() }, { headers });
  } catch (err) {
    console.error("[cron] reconcile failed:", err instanceof Error ? err.message : err);
    return Response.json({ error: "reconcile failed; the next run retries" }, { status: 503, headers });
  }
}
