import { expect, type Page, test } from "@playwright/test";
import { expectFitsWidth, shot as fullShot, MEDIA_URL, png, SANDBOX_KEY, signUp, uniqueEmail } from "./helpers";

// The Create page against the production build with the sandbox as upstream.

/** Full-page shots from the top, so the sticky header and summary sit where a visitor sees them. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullShot(page, name);
}

async function openCreate(page: Page, name: string): Promise<string> {
  const team = await signUp(page, name, uniqueEmail(name.toLowerCase()));
  await page.goto(`${team}/create`);
  await expect(page.getByRole("heading", { name: "Create a video" })).toBeVisible();
  return team;
}

const fileInput = (page: Page, slot: string) => page.getByTestId(`slot-${slot}`).locator('input[type="file"]');

async function upload(page: Page, slot: string, name: string, buffer: Buffer, mimeType = "image/png") {
  await fileInput(page, slot).setInputFiles({ name, mimeType, buffer });
}

/** Radios and switches are drawn by their labels (the inputs are visually hidden): click like a person. */
const choose = (page: Page, target: ReturnType<Page["getByRole"]>) =>
  page.locator("label").filter({ has: target }).click();
const pickMotion = (page: Page, label: RegExp) => choose(page, page.getByRole("radio", { name: label }));

async function setSandboxCredits(page: Page, credits: number | null) {
  const res = await page.request.put("/api/sandbox/_sandbox/settings", {
    headers: { "X-Api-Key": SANDBOX_KEY },
    data: { credits },
  });
  expect(res.ok()).toBe(true);
}

test("upload a photo, make a Parallax video and land on its page", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await openCreate(page, "Paula");
  await shot(page, "create-desktop-empty");

  await pickMotion(page, /^Parallax/);
  await upload(page, "firstImage", "shoe.png", png(320, 240, [255, 140, 90]));
  await expect(page.getByRole("img", { name: "Photo preview" })).toBeVisible();
  await choose(page, page.getByRole("radio", { name: "Circle" }));
  await page.getByLabel("Title").fill("Red shoe");
  await expect(page.getByTestId("create-summary")).toHaveText("1 video × 5 s, 16:9, silent");
  await expect(page.getByTestId("summary-motion")).toHaveText("Parallax, circle");
  await shot(page, "create-desktop-parallax");

  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(MEDIA_URL);

  // Remix: the same settings and the photo, ready to change.
  const id = new URL(page.url()).pathname.split("/").pop();
  await page.goto(`${team}/create?remix=${id}`);
  await expect(page.getByText("Remixing “Red shoe”: its settings are filled in.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Parallax/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Circle" })).toBeChecked();
  await expect(page.getByRole("img", { name: "Photo preview" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Red shoe");
});

test("a photo still uploading holds the form back until it arrives, then the video is sent with it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openCreate(page, "Uma");
  await page.getByLabel(/^Prompt/).fill("The lighthouse at dusk");
  await page.getByLabel("Title").fill("Lighthouse");
  // Hold the upload's answer, as a slow connection does, until the test lets it through.
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let uploadsSent = 0;
  await page.route(/\/api\/t\/[^/]+\/uploads$/, async (route) => {
    uploadsSent++;
    await held;
    await route.continue();
  });
  await upload(page, "firstImage", "lighthouse.png", png(320, 240, [40, 80, 160]));
  const send = page.getByRole("button", { name: /^(Create video|Uploading the photo…)$/ });
  await expect(send).toHaveText("Uploading the photo…");
  await expect(send).toBeDisabled();
  await shot(page, "create-desktop-uploading");
  // A second photo dropped on the busy slot is not sent: one upload at a time.
  await page
    .getByTestId("slot-firstImage")
    .locator("label")
    .first()
    .evaluate((zone) => {
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array([137, 80, 78, 71])], "second.png", { type: "image/png" }));
      zone.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: files }));
    });
  // Enter in a field sends a form too: not this one, not yet.
  await page.getByLabel("Title").press("Enter");
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/create$/);

  expect(uploadsSent).toBe(1);
  release();
  await expect(page.getByRole("img", { name: "First frame preview" })).toBeVisible();
  await expect(send).toHaveText("Create video");
  await send.click();
  await expect(page).toHaveURL(MEDIA_URL);
  await expect(page.getByTestId("inputs").getByRole("img", { name: "First frame" })).toBeVisible();
});

test("two photos as first and last frame, two videos with sound", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openCreate(page, "Tomas");
  await pickMotion(page, /^Wan 2\.1/);
  await expect(page.getByTestId("no-last-frame")).toContainText("makes a video from one photo");
  await pickMotion(page, /^Auto/);
  await upload(page, "firstImage", "start.png", png(320, 240, [40, 200, 255]));
  await upload(page, "lastImage", "end.png", png(320, 240, [255, 40, 120]));
  await expect(page.getByRole("img", { name: "Last frame preview" })).toBeVisible();
  await choose(page, page.getByRole("radio", { name: "2", exact: true }));
  await choose(page, page.getByRole("checkbox", { name: "Sound effects" }));
  await expect(page.getByTestId("create-summary")).toHaveText("2 videos × 5 s, 16:9, with sound");
  await page.getByRole("button", { name: "Create 2 videos" }).click();
  await expect(page).toHaveURL(MEDIA_URL);
});

test("a prompt alone; without one the form says what is missing", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openCreate(page, "Priya");
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page.getByText("Write a prompt, or add a photo.").first()).toBeVisible();
  await expect(page).toHaveURL(/\/create$/);

  await page.getByLabel(/^Prompt/).fill("A paper boat drifts down a rainy street");
  await choose(page, page.getByRole("radio", { name: "9:16" }));
  await page.getByLabel("Duration").fill("8");
  await expect(page.getByTestId("create-summary")).toHaveText("1 video × 8 s, 9:16, silent");
  await shot(page, "create-phone-prompt");
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(MEDIA_URL);
});

test("bad files are refused with a clear message", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openCreate(page, "Ivan");
  const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "binary"), Buffer.alloc(2048, 1)]);
  await upload(page, "firstImage", "setup.png", exe);
  await expect(page.getByTestId("slot-firstImage")).toContainText('"setup.png" is not a PNG, JPEG or WebP image.');

  const huge = Buffer.concat([png(8, 8, [0, 0, 0]), Buffer.alloc(10 * 1024 * 1024 + 10)]);
  await upload(page, "firstImage", "huge.png", huge);
  await expect(page.getByTestId("slot-firstImage")).toContainText('"huge.png" is larger than 10 MB.');
  await expect(page.getByTestId("slot-firstImage").locator("img")).toHaveCount(0);

  await pickMotion(page, /^Parallax/);
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page.getByTestId("slot-firstImage")).toContainText("Parallax needs a photo.");
  await shot(page, "create-desktop-errors");
});

test("not enough credit: the media is kept and the message shown", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openCreate(page, "Carla");
  await setSandboxCredits(page, 0);
  try {
    await page.getByLabel(/^Prompt/).fill("A lighthouse in a storm");
    await page.getByRole("button", { name: "Create video" }).click();
    await expect(page.getByText(/Not enough Vimmerse credits/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Open it" })).toHaveAttribute("href", MEDIA_URL);
    await expect(page).toHaveURL(/\/create$/);
    await shot(page, "create-desktop-credit");
  } finally {
    await setSandboxCredits(page, null);
  }
  // Same form, credits back: the same media goes through.
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(MEDIA_URL);
});

test("the Create page on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openCreate(page, "Mia");
  await expect(page.getByRole("heading", { name: "Create a video" })).toBeInViewport();
  // Every kind of video can be picked, photos (or a prompt) first.
  const modes = page.getByRole("group", { name: "Kind of video" });
  await expect(modes).toBeVisible();
  await expect(modes.getByRole("radio")).toHaveCount(4);
  for (const mode of [/^Photos or a prompt/, /^Try-on/, /^Extend a video/, /^Animate a character/]) {
    await expect(modes.locator("label").filter({ has: page.getByRole("radio", { name: mode }) })).toBeVisible();
  }
  await expect(modes.getByRole("radio", { name: /^Photos or a prompt/ })).toBeChecked();
  await expect(page.getByTestId("slot-firstImage")).toBeVisible();
  await expect(page.getByLabel(/^Prompt/)).toBeVisible();
  await expect(page.getByTestId("create-summary")).toHaveText("1 video × 5 s, 16:9, silent");
  await expect(page.getByRole("button", { name: "Create video" })).toBeVisible();
  await expectFitsWidth(page);
  await shot(page, "create-phone");
});
