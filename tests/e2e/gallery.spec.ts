import { expect, test } from "@playwright/test";
import { createParallax, sandboxSettings, shot, signUp, uniqueEmail } from "./helpers";

// The gallery against the production build with the sandbox as upstream: live progress
// without reloads, previews, filters in the URL, and nothing for other teams.

test.describe.configure({ timeout: 180_000 });

test("the gallery fills up live: empty, rendering, then ready videos with previews", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Gina", uniqueEmail("gina"));
  await expect(page.getByRole("heading", { name: "No videos yet" })).toBeVisible();
  await shot(page, "gallery-desktop-empty");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "gallery-phone-empty");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Slow renders a little so the gallery is seen while they run.
  await sandboxSettings(page, { delayMs: 6_000 });
  try {
    await createParallax(page, team, { title: "Sunset over the bay", tint: [255, 120, 40] });
    await createParallax(page, team, { title: "Forest path", tint: [40, 220, 90] });
    await createParallax(page, team, { title: "Night city", tint: [60, 80, 255], quantity: 2 });
  } finally {
    await sandboxSettings(page, { delayMs: 0 });
  }
  await page.goto(team);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const cards = page.getByTestId("media-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.first()).toContainText("Night city");
  await expect(page.getByTestId("status-badge").filter({ hasNotText: "Ready" }).first()).toBeVisible();
  await shot(page, "gallery-desktop-rendering");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "gallery-phone-rendering");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Done without a reload: the badges turn to Ready in the same document.
  for (const title of ["Sunset over the bay", "Forest path", "Night city"]) {
    await expect(cards.filter({ hasText: title }).getByTestId("status-badge")).toHaveText("Ready", { timeout: 90_000 });
  }
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(cards.first().locator("img")).toHaveAttribute("src", /\/assets\//);

  // Hover plays the muted preview.
  await cards.first().hover();
  const preview = cards.first().getByTestId("card-preview");
  await expect(preview).toBeVisible();
  await expect
    .poll(() => preview.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  expect(await preview.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
  await page.mouse.move(0, 0);
  await shot(page, "gallery-desktop-full");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "gallery-phone-full");

  // Filters live in the URL.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("Search titles").fill("forest");
  await page.getByLabel("Search titles").press("Enter");
  await expect(page).toHaveURL(/\?q=forest$/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Forest path");
  await page.getByLabel("Sort").selectOption("oldest");
  await expect(page).toHaveURL(/sort=oldest/);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(cards).toHaveCount(3);
  await page.getByLabel("Status").selectOption("failed");
  await expect(page.getByRole("heading", { name: "No videos match" })).toBeVisible();
});

test("with webhooks dropped the reconciler still brings a video to done", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Rene", uniqueEmail("rene"));
  await sandboxSettings(page, { dropWebhooks: true });
  try {
    await createParallax(page, team, { title: "Lost notice" });
    await page.goto(team);
    const card = page.getByTestId("media-card").filter({ hasText: "Lost notice" });
    await expect(card.getByTestId("status-badge")).toHaveText("Ready", { timeout: 60_000 });
  } finally {
    await sandboxSettings(page, { dropWebhooks: false });
  }
});

test("another team's member gets a 404 for the gallery", async ({ page, browser }) => {
  const team = await signUp(page, "Owen", uniqueEmail("owen"));
  const other = await (await browser.newContext()).newPage();
  await signUp(other, "Mallory", uniqueEmail("mallory"));
  const res = await other.goto(team);
  expect(res?.status()).toBe(404);
  const status = await other.request.get(`/api/t/${team.split("/").pop()}/media/status?ids=${crypto.randomUUID()}`);
  expect(status.status()).toBe(404);
});
