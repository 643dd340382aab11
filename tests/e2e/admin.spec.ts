import { expect, type Page, test } from "@playwright/test";
import { createParallax, MEDIA_URL, png, shot, signUp, uniqueEmail } from "./helpers";

// The operator (ADMIN_EMAILS=operator@e2e.test on the test server) finds a team in /admin,
// suspends it, and its member is told on the Create page before sending, and refused; resumed,
// the member creates again. Budgets refuse what is not whole credits. Anyone else gets a 404.

const OPERATOR = "operator@e2e.test";

/** A Parallax video filled in on the Create page, not yet sent. */
async function fillParallax(page: Page, team: string, title: string) {
  await page.goto(`${team}/create`);
  await page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name: /^Parallax/ }) })
    .click();
  await page
    .getByTestId("slot-firstImage")
    .locator('input[type="file"]')
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png(320, 240, [60, 150, 255]) });
  await expect(page.getByRole("img", { name: "Photo preview" })).toBeVisible();
  await page.getByLabel("Duration").fill("1");
  await page.getByLabel("Title").fill(title);
}

test("an operator suspends and resumes a team and sets its budget; nobody else finds /admin", async ({
  page: member,
  browser,
}) => {
  await member.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(member, "Mia Member", uniqueEmail("mia"));
  const slug = team.split("/").pop()!;
  const teamName = "Mia Member's team";

  const op = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // Signs up, or (the address taken by an earlier run) signs in with the same password.
  await signUp(op, "Oscar Operator", OPERATOR);
  await op.goto("/admin");
  await expect(op.getByRole("heading", { name: "Teams" })).toBeVisible();
  await expect(op.getByTestId("default-budget")).toContainText("unlimited");

  await op.getByRole("searchbox", { name: "Team name or slug" }).fill(slug);
  await op.getByRole("button", { name: "Search" }).click();
  await expect(op).toHaveURL(new RegExp(`/admin\\?q=${slug}$`));
  const row = op.locator(`[data-testid="admin-team"][data-slug="${slug}"]`);
  await expect(op.getByTestId("admin-team")).toHaveCount(1);
  await expect(row).toContainText(teamName);
  await expect(row).toContainText("Mia Member");
  await expect(row).toContainText("1 member");

  // Suspend: the dialog says what it does first.
  await row.getByRole("button", { name: `Suspend ${teamName}` }).click();
  const dialog = op.getByRole("alertdialog");
  await expect(dialog).toContainText("Members can still watch and download; nothing new is sent to Vimmerse");
  await dialog.getByRole("button", { name: "Suspend team" }).click();
  await expect(row.getByText("Suspended", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Resume ${teamName}` })).toBeVisible();

  // A budget that is not whole credits is refused and nothing changes; whole credits are saved.
  const budget = row.getByLabel(`Monthly budget of ${teamName}`);
  await budget.fill("1.5");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("alert")).toContainText("Enter whole credits");
  await expect(row).toContainText("/ no limit");
  await budget.fill("500");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("/ 500");
  await expect(row).toContainText("own budget");
  await expect(row.getByRole("alert")).toHaveCount(0);
  await op.screenshot({ path: "/tmp/admin.png", fullPage: true });
  await shot(op, "admin");

  // The member is told before sending and cannot send: nothing is made.
  await fillParallax(member, team, "While suspended");
  await expect(member.getByTestId("summary-over-budget")).toContainText("This team is suspended");
  await expect(member.getByRole("button", { name: "Create video" })).toBeDisabled();
  await member.goto(team);
  await expect(member.getByTestId("media-card")).toHaveCount(0);

  // Resumed: the message is gone and the member creates again.
  await row.getByRole("button", { name: `Resume ${teamName}` }).click();
  await expect(row.getByText("Suspended", { exact: true })).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Suspend ${teamName}` })).toBeVisible();
  await member.goto(`${team}/create`);
  await expect(member.getByTestId("summary-over-budget")).toHaveCount(0);
  await createParallax(member, team, { title: "After resume" });
  await expect(member).toHaveURL(MEDIA_URL);
  await op.reload();
  await expect(row).toContainText(/[1-9]\d* \/ 500/);

  // A signed-in non-operator meets a page that does not exist; signed out, the sign-in page.
  const res = await member.goto("/admin");
  expect(res?.status()).toBe(404);
  await expect(member.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto("/admin");
  await expect(stranger).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
});
