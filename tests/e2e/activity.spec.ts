import { expect, type Page, test } from "@playwright/test";
import { createParallax, expectFitsWidth, players, shot, signUp, uniqueEmail } from "./helpers";

// A render finishes → the bell counts it → the notifications page opens the video and the bell
// is back to zero; the activity page lists "started" and "finished"; the email switches save.

test.describe.configure({ timeout: 180_000 });

const bell = (page: Page) => page.getByRole("link", { name: /^Notifications/ });

async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsWidth(page);
  await shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a finished render rings the bell, opens the video, and shows in the activity feed", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Nadia", uniqueEmail("nadia"));
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  const id = await createParallax(page, team, { title: "Harbour at dusk" });
  await expect(players(page)).toHaveCount(1, { timeout: 90_000 });

  await page.goto(team);
  await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread");
  await expect(page.getByTestId("bell-count")).toHaveText("1");
  await page.screenshot({ path: "tests/.artifacts/screenshots/activity-bell-header.png" });

  await bell(page).click();
  await expect(page).toHaveURL(`${team}/notifications`);
  const item = page.getByRole("button", { name: /Your video Harbour at dusk finished rendering/ });
  await expect(item).toBeVisible();
  await bothWidths(page, "notifications");
  await item.click();
  await expect(page).toHaveURL(`${team}/media/${id}`);
  await expect(bell(page)).toHaveAccessibleName("Notifications");

  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Activity" }).click();
  await expect(page).toHaveURL(`${team}/activity`);
  const feed = page.getByRole("list", { name: "Team activity" });
  await expect(feed.getByRole("listitem")).toHaveCount(2);
  await expect(feed.getByRole("listitem").nth(0)).toContainText("Harbour at dusk finished rendering");
  await expect(feed.getByRole("listitem").nth(1)).toContainText("Nadia started a render of Harbour at dusk");
  await expect(feed.getByRole("link", { name: "Harbour at dusk" }).first()).toHaveAttribute(
    "href",
    `${team}/media/${id}`,
  );
  await bothWidths(page, "activity");

  // Mark all read with nothing unread: the button says there is nothing to do.
  await page.goto(`${team}/notifications`);
  await expect(page.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  await page.getByRole("link", { name: "Email settings" }).click();
  await expect(page).toHaveURL("/account/notifications");
  await page.getByRole("checkbox", { name: /Someone mentioned me/ }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByRole("checkbox", { name: /Someone mentioned me/ })).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Someone mentioned me/ })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /My render finished/ })).toBeChecked();
  await bothWidths(page, "email-settings");
});

test("another team's activity and notifications pages are a 404; a new team's are empty", async ({ page, browser }) => {
  const team = await signUp(page, "Omar", uniqueEmail("omar"));
  await page.goto(`${team}/notifications`);
  await expect(page.getByRole("heading", { name: "No notifications" })).toBeVisible();
  await bothWidths(page, "notifications-empty");
  await page.goto(`${team}/activity`);
  await expect(page.getByRole("heading", { name: "Nothing has happened yet" })).toBeVisible();
  await bothWidths(page, "activity-empty");
  const other = await browser.newPage();
  await signUp(other, "Pia", uniqueEmail("pia"));
  for (const path of [`${team}/activity`, `${team}/notifications`]) {
    const res = await other.goto(path);
    expect(res?.status()).toBe(404);
  }
  await other.close();
});
