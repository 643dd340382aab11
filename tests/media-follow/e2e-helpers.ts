import { expect, type Page } from "@playwright/test";
import { png } from "../helpers/png";

export { png };

// Shared by tests/e2e/gallery.spec.ts and detail.spec.ts (not a Vitest file: no .test.ts).

export const SANDBOX_KEY = "sandbox-local-key";
export const CRON_SECRET = "e2e-cron-secret-0123456789";
export const MEDIA_URL = /\/t\/[^/]+\/media\/([0-9a-f-]{36})$/;

export async function sandboxSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  const res = await page.request.put("/api/sandbox/_sandbox/settings", { headers: { "X-Api-Key": SANDBOX_KEY }, data: patch });
  expect(res.ok()).toBe(true);
}

const choose = (page: Page, name: RegExp | string, exact = false) =>
  page.locator("label").filter({ has: page.getByRole("radio", { name, exact }) }).click();

/** Makes a Parallax video through the Create page (1 s long) and returns its id, on its page. */
export async function createParallax(
  page: Page,
  team: string,
  opts: { title: string; quantity?: 1 | 2; tint?: [number, number, number] },
): Promise<string> {
  await page.goto(`${team}/create`);
  await choose(page, /^Parallax/);
  await page.getByTestId("slot-firstImage").locator('input[type="file"]').setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png(320, 240, opts.tint ?? [255, 150, 60]) });
  await expect(page.getByRole("img", { name: "Photo preview" })).toBeVisible();
  if (opts.quantity === 2) await choose(page, "2", true);
  await page.getByLabel("Duration").fill("1");
  await page.getByLabel("Title").fill(opts.title);
  await page.getByRole("button", { name: /^Create (video|2 videos)$/ }).click();
  await expect(page).toHaveURL(MEDIA_URL, { timeout: 30_000 });
  return MEDIA_URL.exec(new URL(page.url()).pathname)![1]!;
}
