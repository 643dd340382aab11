import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import {
  createParallax,
  E2E_DATABASE,
  expectPlays,
  players,
  sandboxSettings,
  shot,
  signUp,
  uniqueEmail,
} from "./helpers";

// One charge per click, against the production build with the sandbox as upstream: when
// Vimmerse accepts (and charges for) a create but its answer is lost, the app never sends it
// again on its own. It shows that it is checking, and adopts the job when the job's webhook
// arrives on the media's own secret URL.

test.describe.configure({ timeout: 180_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

async function plays(page: Page) {
  const video = await expectPlays(page);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
}

test("a create whose answer is lost ends as one Ready video and one upstream job", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Lena", uniqueEmail("lena"));
  const title = `Lost answer ${randomBytes(4).toString("hex")}`;
  const badge = page.getByTestId("status-badge").first();

  // The create is accepted and charged upstream, then answered with a 500. The job is held in
  // the queue for a while so the page is seen before its webhook arrives.
  await sandboxSettings(page, { delayMs: 10_000, faults: { lostAnswer: { next: 1, kind: "500" } } });
  let id: string;
  try {
    id = await createParallax(page, team, { title });
    await expect(badge).toHaveText("Checking with Vimmerse");
    await expect(page.getByTestId("checking-alert")).toContainText("Checking with Vimmerse");
    await expect(players(page)).toHaveCount(0);
    await shot(page, "detail-desktop-checking");
  } finally {
    await sandboxSettings(page, { delayMs: 0, faults: { lostAnswer: { next: 0 } } });
  }

  // The job's webhook names it on this media's secret URL: adopted, rendered, copied, playable,
  // without a reload and without a second create.
  await expect(badge).toHaveText("Ready", { timeout: 90_000 });
  await expect(players(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId("checking-alert")).toHaveCount(0);
  await plays(page);

  const jobs = await sql<{ id: string }[]>`select id::text as id from sandbox_media where title = ${title}`;
  expect(jobs).toHaveLength(1);
  const rows = await sql<{ id: string; upstream_id: string | null; status: string }[]>`
    select id::text as id, upstream_id, status from media where title = ${title}`;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toEqual({ id: id!, upstream_id: jobs[0]!.id, status: "success" });

  await page.goto(team);
  await expect(page.getByTestId("media-card").filter({ hasText: title })).toHaveCount(1);
});
