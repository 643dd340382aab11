import { expect, test } from "@playwright/test";
import { shot, signUp, uniqueEmail } from "./helpers";

// An owner deletes a team by typing its name (issue 12): a wrong name is refused in the dialog,
// the right one lands on /app with a notice, and the team's address answers 404 from then on.

test.describe.configure({ timeout: 120_000 });

test("owner deletes a team by typing its name; its URL then 404s", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Dora", uniqueEmail("dora"));
  await page.goto(`${team}/settings`);
  const card = page.getByTestId("delete-team-card");
  await expect(card).toContainText("stay in the Vimmerse account");
  await expect(card).toContainText("cannot be undone");
  await card.scrollIntoViewIfNeeded();
  await shot(page, "team-delete-card-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "team-delete-card-phone");
  await page.setViewportSize({ width: 1280, height: 900 });

  await card.getByRole("button", { name: "Delete this team" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Delete Dora's team?");
  await dialog.getByLabel("Type Dora's team to confirm").fill("Dora");
  await dialog.getByRole("button", { name: "Delete team" }).click();
  await expect(dialog.getByText("Type the team's name exactly: Dora's team")).toBeVisible();
  await page.screenshot({ path: "tests/.artifacts/screenshots/team-delete-dialog-error-desktop.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "tests/.artifacts/screenshots/team-delete-dialog-error-phone.png" });
  // Nothing happened: the team still opens.
  expect((await page.request.get(team)).status()).toBe(200);

  await dialog.getByLabel("Type Dora's team to confirm").fill("Dora's team");
  await dialog.getByRole("button", { name: "Delete team" }).click();
  await expect(page).toHaveURL(/\/app\?deleted=/);
  const notice = page.getByTestId("team-deleted-notice");
  await expect(notice).toContainText("Dora's team was deleted");
  await shot(page, "team-deleted-notice-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, "team-deleted-notice-desktop");

  expect((await page.goto(team))?.status()).toBe(404);
  expect((await page.goto(`${team}/settings`))?.status()).toBe(404);
  // Her only team is gone: the way in offers to create one.
  await page.goto("/app");
  await expect(page).toHaveURL(/\/teams\/new$/);
});
