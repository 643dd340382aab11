import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import { createParallax, E2E_DATABASE, expectFitsWidth, players, signUp, uniqueEmail } from "./helpers";

// A team's monthly budget, against the production build with the sandbox as upstream: the Create
// page and the render-again dialogs show "≈ N credits · M left this month" and, when a video does
// not fit, say so (what is left, when it resets) before anything is sent; nothing is recorded or
// sent upstream. A suspended team is told so on Create.

test.describe.configure({ timeout: 90_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

/** "1 Aug": the first of next month, UTC, as a person reads it. */
function resetDay(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return `${d.getUTCDate()} ${d.toLocaleString("en-US", { month: "short", timeZone: "UTC" })}`;
}

const COST = /^≈ (\d+) credits? · (\d+) left this month/;

/** The estimate and the room a cost line states. */
async function costOf(line: ReturnType<Page["getByTestId"]>): Promise<{ credits: number; left: number }> {
  await expect(line).toHaveText(COST);
  const [, credits, left] = COST.exec((await line.textContent())!.trim())!;
  return { credits: Number(credits), left: Number(left) };
}

const counts = async (teamId: string) => {
  const [row] = await sql<{ media: number; generations: number; jobs: number }[]>`
    select (select count(*)::int from media where team_id = ${teamId}) as media,
           (select count(*)::int from media_generations where team_id = ${teamId}) as generations,
           (select count(*)::int from sandbox_media) as jobs`;
  return row!;
};

test("an over-budget team sees the message before sending", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Bea Budget", uniqueEmail("bea"));
  const slug = team.split("/").pop()!;
  const teamId = (await sql<{ id: string }[]>`select id::text as id from teams where slug = ${slug}`)[0]!.id;
  const before = await counts(teamId);
  expect(before.media).toBe(0);

  // A budget of 1 credit: a 5 s video from a prompt needs more.
  await sql`update teams set monthly_credit_budget = 1 where slug = ${slug}`;
  await page.goto(`${team}/create`);
  await page.getByLabel(/^Prompt/).fill("A kite over a windy beach");
  await page.getByLabel("Duration").fill("5");
  const create = await costOf(page.getByTestId("summary-cost"));
  expect(create.left).toBe(1);
  expect(create.credits).toBeGreaterThan(1);
  const refusal = `This team has 1 credit left this month (resets ${resetDay()}). This video needs ≈ ${create.credits}.`;
  // Said before anything is sent.
  await expect(page.getByTestId("summary-over-budget")).toHaveText(refusal);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectFitsWidth(page);
  await page.screenshot({ path: "/tmp/e2e-budget-create.png", fullPage: true });

  // It cannot be sent (the server refuses it too: tests/billing): nothing recorded, nothing upstream.
  const submit = page.getByRole("button", { name: "Create video" });
  await expect(submit).toBeDisabled();
  await expect(page).toHaveURL(new RegExp(`${team}/create$`));
  expect(await counts(teamId)).toEqual(before);

  // Room for it: one cheap video goes through and renders.
  await sql`update teams set monthly_credit_budget = 100 where slug = ${slug}`;
  await page.goto(`${team}/create`);
  await expect(page.getByTestId("summary-cost")).toHaveText(/ · 100 left this month$/);
  await expect(page.getByTestId("summary-over-budget")).toHaveCount(0);
  const id = await createParallax(page, team, { title: "Budget harbour" });
  await expect(players(page)).toHaveCount(1, { timeout: 60_000 });
  const made = await counts(teamId);
  expect(made).toEqual({ media: 1, generations: 1, jobs: before.jobs + 1 });

  // The budget is what has been spent: nothing is left.
  await sql`
    update teams set monthly_credit_budget =
      (select sum(credits) from credit_ledger where team_id = ${teamId} and state <> 'refunded')
    where slug = ${slug}`;
  await page.reload();
  await expect(players(page)).toHaveCount(1);

  // Process again: the cost line and the refusal, and no way to confirm.
  const dialog = page.getByRole("alertdialog");
  const confirm = dialog.getByRole("button", { name: "Spend credits and render" });
  await page.getByRole("button", { name: "Process again" }).click();
  await expect(dialog).toBeVisible();
  const again = await costOf(dialog.getByTestId("confirm-cost"));
  expect(again.left).toBe(0);
  expect(again.credits).toBeGreaterThan(0);
  await expect(dialog.getByTestId("confirm-over-budget")).toHaveText(
    `This team has 0 credits left this month (resets ${resetDay()}). This video needs ≈ ${again.credits}.`,
  );
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Changed settings: the dialog reads the form as it is now (a longer video costs more).
  await page.locator("#re-duration").selectOption("3");
  await page.getByRole("button", { name: "Resubmit with these settings" }).click();
  await expect(dialog).toBeVisible();
  const changed = await costOf(dialog.getByTestId("confirm-cost"));
  expect(changed.left).toBe(0);
  expect(changed.credits).toBeGreaterThan(again.credits);
  await expect(dialog.getByTestId("confirm-over-budget")).toHaveText(
    `This team has 0 credits left this month (resets ${resetDay()}). This video needs ≈ ${changed.credits}.`,
  );
  await expect(confirm).toBeDisabled();
  await page.screenshot({ path: "/tmp/e2e-budget-dialog.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Nothing new was sent: one generation, one upstream job still on its first generation.
  expect(await counts(teamId)).toEqual(made);
  const [row] = await sql<{ status: string; generation: number }[]>`
    select m.status::text as status, s.generation from media m join sandbox_media s on s.id::text = m.upstream_id
    where m.id = ${id}`;
  expect(row).toEqual({ status: "success", generation: 1 });

  // Suspended: Create says so before sending, and the server refuses in the same words.
  await sql`update teams set monthly_credit_budget = 100, suspended_at = now() where slug = ${slug}`;
  await page.goto(`${team}/create`);
  await page.getByLabel(/^Prompt/).fill("A suspended lighthouse");
  const suspended =
    "This team is suspended: its videos can still be watched and downloaded, but nothing new can be made. Ask the operator.";
  await expect(page.getByTestId("summary-over-budget")).toHaveText(suspended);
  await expect(submit).toBeDisabled();
  expect(await counts(teamId)).toEqual(made);
});
