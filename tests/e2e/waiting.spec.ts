import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import { createParallax, E2E_DATABASE, expectFitsWidth, expectPlays, players, signUp, uniqueEmail } from "./helpers";

// At most MAX_ACTIVE_RENDERS_PER_TEAM (8, the server's default) renders of a team in flight; one
// more waits, visibly, and is sent by the page's own status poll once a slot frees.
//
// The 8 in flight are written straight into the database rather than rendered: 8 real renders
// would have to be held in the sandbox's queue for the whole test. Their upstream ids name no job
// upstream and their synced_at lies an hour ahead, so neither the reconciler nor the watch refresh
// asks upstream about them (which would fail them as gone); they leave only when the test says so.

test.describe.configure({ timeout: 90_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

test("renders beyond the team's limit wait, visibly, and go in order", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Wim Waiting", uniqueEmail("wim"));
  const slug = team.split("/").pop()!;
  const teamId = (await sql<{ id: string }[]>`select id::text as id from teams where slug = ${slug}`)[0]!.id;
  const fake = `e2e-not-upstream-${randomBytes(4).toString("hex")}-`;
  const params = { motionType: "Parallax", prompt: "", quantity: 1, duration: 1, loop: 1, aspectRatio: "16:9" };
  await sql`
    insert into media (team_id, title, motion_type, params, webhook_secret_hash, status, progress, upstream_id, synced_at)
    select ${teamId}, 'In flight ' || g, 'Parallax', ${sql.json(params)}, gen_random_uuid()::text, 'processing', 40,
           ${fake} || g::text, now() + interval '1 hour'
    from generate_series(1, 8) g`;

  const title = `Ninth ${randomBytes(3).toString("hex")}`;
  const id = await createParallax(page, team, { title });
  const badge = page.getByTestId("status-badge").first();
  await expect(badge).toHaveText("Waiting");
  const alert = page.getByTestId("waiting-alert");
  await expect(alert).toContainText("Waiting its turn");
  await expect(alert).toContainText("8 of 8 renders in progress. It is next in line");
  await expect(players(page)).toHaveCount(0);
  const [held] = await sql<{ status: string; upstream_id: string | null; waiting: boolean }[]>`
    select status::text as status, upstream_id, waiting_since is not null as waiting from media where id = ${id}`;
  expect(held).toEqual({ status: "waiting", upstream_id: null, waiting: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectFitsWidth(page);
  await page.screenshot({ path: "/tmp/e2e-waiting.png", fullPage: true });

  // The gallery says so too.
  await page.goto(team);
  await expect(page.getByTestId("media-card").filter({ hasText: title }).getByTestId("status-badge")).toHaveText(
    "Waiting",
  );

  // The 8 finish; the waiting one's page, left open, sees it go without a reload.
  await page.goto(`${team}/media/${id}`);
  await expect(badge).toHaveText("Waiting");
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await sql`
    update media set status = 'success', progress = 100, finished_at = now()
    where team_id = ${teamId} and upstream_id like ${`${fake}%`}`;
  await expect(badge).not.toHaveAttribute("data-status", "waiting", { timeout: 30_000 });
  await expect(badge).toHaveText(/^(Checking with Vimmerse|Queued|Rendering( \d+%)?|Ready)$/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  console.log(`[waiting] left Waiting as "${await badge.textContent()}"; waiting alert shown: ${await alert.count()}`);

  await expect(badge).toHaveText("Ready", { timeout: 45_000 });
  await expect(players(page)).toHaveCount(1, { timeout: 15_000 });
  await expectPlays(page);
  await expect(alert).toHaveCount(0);

  const [sent] = await sql<{ status: string; upstream_id: string | null; waiting_since: Date | null }[]>`
    select status::text as status, upstream_id, waiting_since from media where id = ${id}`;
  expect(sent!.status).toBe("success");
  expect(sent!.waiting_since).toBeNull();
  expect(sent!.upstream_id).not.toBeNull();
  const jobs = await sql`select 1 from sandbox_media where id::text = ${sent!.upstream_id!} and title = ${title}`;
  expect(jobs).toHaveLength(1);
});
