import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import { createParallax, E2E_DATABASE, SANDBOX_KEY, sandboxSettings, signUp, uniqueEmail } from "./helpers";

// Webhooks are unsigned: anyone can post one. Against the production build, a notice with a
// wrong secret, or with the right secret and a body that lies, changes nothing a person sees or
// the database keeps; only upstream's own GET moves a media forward.

test.describe.configure({ timeout: 180_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

type Row = { status: string; progress: number; upstream_id: string; generations: number; assets: number };

async function stored(id: string): Promise<Row> {
  const [row] = await sql<Row[]>`
    select status, progress, upstream_id,
      (select count(*)::int from media_generations g where g.media_id = m.id) as generations,
      (select count(*)::int from media_assets a where a.media_id = m.id) as assets
    from media m where id = ${id}`;
  return row!;
}

/** The URL the app gave upstream, read back from the sandbox as Vimmerse would hold it. */
async function webhookPath(page: Page, upstreamId: string): Promise<string> {
  const res = await page.request.get(`/api/sandbox/media/${upstreamId}`, { headers: { "X-Api-Key": SANDBOX_KEY } });
  expect(res.ok()).toBe(true);
  const body = await res.json();
  const url = new URL((body.data?.data ?? body.data).webhook_url);
  expect(url.pathname).toMatch(/^\/api\/webhooks\/vimmerse\/[A-Za-z0-9_-]{32,}$/);
  return url.pathname;
}

const notice = (page: Page, path: string, upstreamId: string, status: string) =>
  page.request.post(path, { data: { customer_id: "anyone", media_id: upstreamId, status }, failOnStatusCode: false });

test("forged webhooks, wrong secret or false claims, change nothing", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Wanda", uniqueEmail("wanda"));
  const badge = page.getByTestId("status-badge").first();

  // Held in the queue so the lies arrive while it is really still rendering.
  await sandboxSettings(page, { delayMs: 20_000 });
  let id: string;
  try {
    id = await createParallax(page, team, { title: "Harbour lights" });
    const before = await stored(id);
    expect(["queued", "processing"]).toContain(before.status);
    const path = await webhookPath(page, before.upstream_id);

    // A wrong secret: refused at once, nothing read or written.
    const wrong = await notice(page, path.replace(/.{8}$/, "AAAAAAAA"), before.upstream_id, "success");
    expect(wrong.status()).toBe(404);
    const garbage = await notice(page, "/api/webhooks/vimmerse/not-a-secret", before.upstream_id, "success");
    expect(garbage.status()).toBe(404);

    // The right secret claiming success: upstream is asked, says otherwise, and wins.
    const lie = await notice(page, path, before.upstream_id, "success");
    expect(lie.ok()).toBe(true);
    const after = await stored(id);
    expect(after.status).not.toBe("success");
    expect(after.assets).toBe(0);
    expect(after.generations).toBe(before.generations);
    await page.reload();
    await expect(badge).toHaveText(/^(Queued|Rendering)/);
    await expect(page.getByTestId("variant-player")).toHaveCount(0);
  } finally {
    await sandboxSettings(page, { delayMs: 0 });
  }

  // The real finish arrives; a later claim that it failed is checked and ignored.
  await expect(badge).toHaveText("Ready", { timeout: 90_000 });
  const done = await stored(id);
  const path = await webhookPath(page, done.upstream_id);
  for (const status of ["fail", "processing_bullet", "queue_bullet"]) {
    expect((await notice(page, path, done.upstream_id, status)).ok()).toBe(true);
  }
  const later = await stored(id);
  expect(later).toEqual({ ...done, assets: later.assets });
  expect(later.assets).toBeGreaterThanOrEqual(done.assets);
  await page.reload();
  await expect(badge).toHaveText("Ready");
  await expect(page.getByTestId("variant-player")).toHaveCount(1);
});
