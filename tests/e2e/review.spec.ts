import { expect, type Page, test } from "@playwright/test";
import { expectPlays, MEDIA_URL, players, png, shot, signUp, uniqueEmail } from "./helpers";

// Review on a finished video: a comment at a time, its time seeking the player, a comment at the
// player's current time, a reply with a mention, resolve, and the version approved.

test.describe.configure({ timeout: 240_000 });

/** A Parallax video of `seconds` (the shared helper makes 1 s ones: too short to seek around). */
async function createVideo(page: Page, team: string, seconds: number): Promise<void> {
  await page.goto(`${team}/create`);
  await page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name: /^Parallax/ }) })
    .click();
  await page
    .getByTestId("slot-firstImage")
    .locator('input[type="file"]')
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png(320, 240, [90, 160, 220]) });
  await expect(page.getByRole("img", { name: "Photo preview" })).toBeVisible();
  await page.getByLabel("Duration").fill(String(seconds));
  await page.getByLabel("Title").fill("Review me");
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(MEDIA_URL, { timeout: 30_000 });
}

const time = (page: Page) =>
  players(page)
    .first()
    .evaluate((v: HTMLVideoElement) => v.currentTime);

test("comment at a time, seek from it, reply, resolve and approve", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Rita", uniqueEmail("rita"));
  await createVideo(page, team, 4);
  await expect(players(page)).toHaveCount(1, { timeout: 90_000 });
  const video = await expectPlays(page);
  await video.evaluate((v: HTMLVideoElement) => v.pause());

  const card = page.getByTestId("review-card");
  await expect(card.getByTestId("review-badge").first()).toHaveText("Not reviewed");
  const form = card.getByTestId("comment-form");

  // A typed time.
  await form.getByLabel("Comment").fill("The camera jumps here, @Rita");
  await form.getByLabel("Time (optional)").fill("0:02");
  await form.getByRole("button", { name: "Comment" }).click();
  const first = card.getByTestId("comment").first();
  await expect(first.getByTestId("comment-time")).toHaveText("0:02");
  await expect(first.getByTestId("mention")).toHaveText("@Rita");

  // Its time seeks the player there.
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 0;
  });
  await first.getByTestId("comment-time").click();
  await expect.poll(() => time(page)).toBeCloseTo(2, 1);

  // The player's current time, read when the comment is sent.
  await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise((done) => {
        v.addEventListener("seeked", done, { once: true });
        v.currentTime = 3.25;
      }),
  );
  await form.getByLabel("At current time").check();
  await expect(form.getByLabel("Time (optional)")).toHaveValue("0:03");
  await form.getByLabel("Comment").fill("Colour shifts at the end");
  await form.getByRole("button", { name: "Comment" }).click();
  const second = card.getByTestId("comment").nth(1);
  await expect(second.getByTestId("comment-time")).toHaveAttribute("data-ms", "3250");
  await expect(second.getByTestId("comment-time")).toHaveText("0:03");

  // A reply under the first thread.
  await first.getByRole("button", { name: "Reply" }).click();
  await first.getByTestId("reply-form").getByLabel("Reply").fill("Fixed in the next take");
  await first.getByTestId("reply-form").getByRole("button", { name: "Reply" }).click();
  await expect(first.getByTestId("reply")).toHaveCount(1);
  await expect(first.getByTestId("reply")).toContainText("Fixed in the next take");
  await expect(first.getByTestId("reply-form")).toHaveCount(0);

  // Resolve it, then approve the version.
  await first.getByRole("button", { name: "Resolve" }).click();
  await expect(first).toHaveAttribute("data-resolved", "true");
  await expect(first.getByTestId("resolved-note")).toContainText("Resolved by Rita");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByTestId("review-badge").first()).toHaveText("Approved");
  await expect(card).toContainText("Approved by Rita.");

  // After a reload everything is still there.
  await page.reload();
  await expect(card.getByTestId("comment")).toHaveCount(2);
  await expect(card.getByTestId("review-badge").first()).toHaveText("Approved");

  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: "/tmp/review-card.png" });
  await shot(page, "review-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: "/tmp/review-card-phone.png" });
  await shot(page, "review-phone");
});
