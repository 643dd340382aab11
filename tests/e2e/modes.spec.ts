import { expect, type Page, test } from "@playwright/test";
import { createParallax, MEDIA_URL, png, shot, signUp, uniqueEmail } from "./helpers";

// The kinds of video beyond photos and prompts, through the Create page of the production build
// and the sandbox: try-on (a person and a garment), character animation, and extending one of
// the team's finished videos. Each one renders, plays, and says which service really made it.

test.describe.configure({ timeout: 300_000 });

const choose = (page: Page, name: RegExp | string) =>
  page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name }) })
    .click();
const slotInput = (page: Page, slot: string) => page.getByTestId(`slot-${slot}`).locator('input[type="file"]');

async function submitAndWait(page: Page, title: string, service: RegExp): Promise<void> {
  await page.getByLabel("Duration").fill("1");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(MEDIA_URL, { timeout: 30_000 });
  await expect(page.getByTestId("status-badge").first()).toHaveText("Ready", { timeout: 120_000 });
  await expect(page.getByTestId("variant-player")).toHaveCount(1);
  // The sandbox never pretends to be the model asked for, but names it: proof of what was sent.
  await expect(page.getByText(service).first()).toBeVisible();
}

test("try-on: a person and a garment make a video", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Tara", uniqueEmail("tara"));
  await page.goto(`${team}/create`);
  await choose(page, /^Try-on/);
  await slotInput(page, "personImage").setInputFiles({
    name: "person.png",
    mimeType: "image/png",
    buffer: png(240, 320, [200, 160, 120]),
  });
  await slotInput(page, "garmentImage").setInputFiles({
    name: "jacket.png",
    mimeType: "image/png",
    buffer: png(240, 240, [30, 60, 200]),
  });
  await expect(page.getByRole("img", { name: "Person preview" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Garment preview" })).toBeVisible();
  await expect(page.getByTestId("summary-motion")).toContainText("Try-on");
  await expect(page.getByLabel(/^Prompt/)).toHaveAttribute("placeholder", /garment/);
  await shot(page, "create-desktop-tryon");
  await submitAndWait(page, "Blue jacket", /Rendered by Sandbox \(stand-in for TryOnVideo\/\w+\)/);
  const inputs = page.getByTestId("inputs");
  await expect(inputs.getByRole("img", { name: "Person", exact: true })).toBeVisible();
  await expect(inputs.getByRole("img", { name: "Garment", exact: true })).toBeVisible();
});

test("character animation from one photo", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Carl", uniqueEmail("carl"));
  await page.goto(`${team}/create`);
  await choose(page, /^Animate a character/);
  await slotInput(page, "firstImage").setInputFiles({
    name: "robot.png",
    mimeType: "image/png",
    buffer: png(320, 320, [180, 180, 200]),
  });
  await page.getByLabel(/^Prompt/).fill("The robot waves hello");
  await expect(page.getByTestId("summary-motion")).toContainText(/character/i);
  await submitAndWait(page, "Waving robot", /Rendered by Sandbox \(stand-in for \w+ character animation\)/);
  await expect(page.getByTestId("inputs")).toContainText("The robot waves hello");
});

test("extend one of the team's finished videos", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Elsa", uniqueEmail("elsa"));

  // With nothing finished yet, the picker says how to get there.
  await page.goto(`${team}/create`);
  await choose(page, /^Extend a video/);
  await expect(page.getByTestId("video-picker")).toContainText("Your team has no finished videos yet.");

  await createParallax(page, team, { title: "Cliff walk", tint: [90, 200, 160] });
  await expect(page.getByTestId("status-badge").first()).toHaveText("Ready", { timeout: 120_000 });

  await page.goto(`${team}/create`);
  await choose(page, /^Extend a video/);
  const picker = page.getByTestId("video-picker");
  await picker.locator("label").filter({ hasText: "Cliff walk" }).click();
  await expect(picker.getByRole("radio")).toBeChecked();
  await expect(page.getByTestId("summary-inputs")).toHaveText("continuing “Cliff walk”");
  await shot(page, "create-desktop-extend");
  await submitAndWait(page, "Cliff walk, continued", /Rendered by Sandbox \(stand-in for Auto video extension\)/);
  const source = page.getByTestId("source-video");
  await expect(source).toContainText("Continues Cliff walk (Parallax 1)");
  await shot(page, "detail-desktop-extended");
  await source.getByRole("link", { name: "Cliff walk" }).click();
  await expect(page.getByRole("heading", { name: "Cliff walk", exact: true })).toBeVisible();
});
