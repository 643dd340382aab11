import { expect, type Locator, type Page, test } from "@playwright/test";
import { MEDIA_URL, png, sandboxSettings, shot, signUp, uniqueEmail } from "./helpers";

// Pictures of uploads are small WebP thumbnails (480 px on the longest side), never the upload
// itself: a 2000×1500 photo shows as 480×360 in the Create form, on the media page and on its
// gallery card. And a member who uploads too much is told, in the form, when to try again.

test.describe.configure({ timeout: 180_000 });

const THUMBNAIL = /\/api\/t\/[^/]+\/uploads\/[0-9a-f-]{36}\/thumbnail$/;

/** The picture's own size once it has loaded, whatever size it is drawn at. */
async function loadedSize(img: Locator) {
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  return img.evaluate((i: HTMLImageElement) => ({ width: i.naturalWidth, height: i.naturalHeight, src: i.currentSrc }));
}

const choose = (page: Page, name: RegExp) =>
  page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name }) })
    .click();

test("a large upload shows as its thumbnail in Create, on the media page and on its gallery card", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Thea", uniqueEmail("thea"));
  await page.goto(`${team}/create`);
  await choose(page, /^Parallax/);
  await page
    .getByTestId("slot-firstImage")
    .locator('input[type="file"]')
    .setInputFiles({ name: "big.png", mimeType: "image/png", buffer: png(2000, 1500, [255, 150, 60]) });
  const preview = page.getByRole("img", { name: "Photo preview" });
  await expect(preview).toHaveAttribute("src", THUMBNAIL);
  expect(await loadedSize(preview)).toMatchObject({ width: 480, height: 360 });

  // Slow the render, so the card still shows the photo (not yet a poster) when the gallery opens.
  await sandboxSettings(page, { delayMs: 30_000 });
  try {
    await page.getByLabel("Duration").fill("1");
    await page.getByLabel("Title").fill("Harbour at dusk");
    await page.getByRole("button", { name: "Create video" }).click();
    await expect(page).toHaveURL(MEDIA_URL, { timeout: 30_000 });
    const inputs = page.getByTestId("inputs").getByRole("img", { name: "First frame" });
    await expect(inputs).toHaveAttribute("src", THUMBNAIL);
    expect((await loadedSize(inputs)).width).toBe(480);

    await page.goto(team);
    const card = page.getByTestId("media-card").filter({ hasText: "Harbour at dusk" });
    const backdrop = card.locator("img");
    await expect(backdrop).toHaveAttribute("src", THUMBNAIL);
    await expect(backdrop).toHaveAttribute("width", "480");
    const size = await loadedSize(backdrop);
    expect(size.width).toBeLessThanOrEqual(480);
    const res = await page.request.get(size.src);
    expect(res.headers()["content-type"]).toBe("image/webp");
    await shot(page, "thumbnails-gallery-card");
  } finally {
    await sandboxSettings(page, { delayMs: 0 });
  }
});

test("the 61st upload in ten minutes is refused in the form with when to try again", async ({ page, baseURL }) => {
  const team = await signUp(page, "Uma", uniqueEmail("uma"));
  const slug = team.split("/").pop()!;
  const small = png(16, 12);
  for (let i = 0; i < 60; i++) {
    const res = await page.request.post(`/api/t/${slug}/uploads`, {
      headers: { origin: baseURL! },
      multipart: { file: { name: `${i}.png`, mimeType: "image/png", buffer: small } },
    });
    expect(res.status(), `upload ${i + 1}`).toBe(201);
  }
  await page.goto(`${team}/create`);
  await choose(page, /^Parallax/);
  await page
    .getByTestId("slot-firstImage")
    .locator('input[type="file"]')
    .setInputFiles({ name: "one-more.png", mimeType: "image/png", buffer: small });
  await expect(page.getByTestId("slot-firstImage")).toContainText("Too many uploads. Try again in 10 minutes.");
  await expect(page.getByRole("img", { name: "Photo preview" })).toHaveCount(0);
  await shot(page, "thumbnails-upload-throttled");
});
