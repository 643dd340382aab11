import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import { deriveSandboxApiKey } from "../../lib/sandbox-key";
import { png } from "../helpers/png";

export { png };

export const PASSWORD = "studio-pass-2026";
/** The database tests/e2e/server.ts makes afresh for each run. */
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "studio_e2e";
/** The server's secrets (tests/e2e/server.ts); tests/e2e/build.ts builds with them in the environment too. */
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456";
export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789";
/** The offline sandbox's API key: derived from the AUTH_SECRET as the app derives it. */
export const SANDBOX_KEY = deriveSandboxApiKey(E2E_AUTH_SECRET);
/** Secrets the build sees and no file it ships may contain (tests/e2e/secrets.spec.ts). */
export const BUILD_SECRETS = {
  AUTH_SECRET: E2E_AUTH_SECRET,
  CRON_SECRET: E2E_CRON_SECRET,
  VIMMERSE_API_KEY: "vmk-build-canary-7f3a9c1e5b2d4680",
  DATABASE_PASSWORD: "pg-build-canary-91c4e7a2",
  AUTH_GITHUB_SECRET: "gh-build-canary-5e8d1f0b",
  AUTH_GOOGLE_SECRET: "google-build-canary-2a6c9e4f",
} as const;
export const MEDIA_URL = /\/t\/[^/]+\/media\/([0-9a-f-]{36})$/;

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

/** A made-up client address: sign-ups are throttled per client, and each test signs up as a stranger. */
export function newClient(): Record<string, string> {
  const [a, b, c] = randomBytes(3);
  return { "x-real-ip": `10.${a}.${b}.${c}` };
}

export async function signUp(page: Page, name: string, email: string, path = "/sign-up"): Promise<string> {
  await page.setExtraHTTPHeaders(newClient());
  await page.goto(path);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/t\/[^/]+$|\/invite\//);
  return new URL(page.url()).pathname;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Nothing sticks out sideways: the page never scrolls horizontally (a phone layout that fits). */
export async function expectFitsWidth(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The innermost elements past the right edge say what to fix.
    const out = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && e.children.length === 0)
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 3)
      .map(
        (e) =>
          `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">${(e.textContent ?? "").slice(0, 40)}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits: out };
  });
  expect(scrollWidth, `the page is wider than the viewport: ${culprits.join(" | ")}`).toBeLessThanOrEqual(innerWidth);
}

/** A screenshot to look at; every page shot is also held to fitting the viewport's width. */
export async function shot(page: Page, name: string): Promise<void> {
  await expectFitsWidth(page);
  await page.screenshot({ path: `tests/.artifacts/screenshots/${name}.png`, fullPage: true });
}

export async function sandboxSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  const res = await page.request.put("/api/sandbox/_sandbox/settings", {
    headers: { "X-Api-Key": SANDBOX_KEY },
    data: patch,
  });
  expect(res.ok()).toBe(true);
}

const choose = (page: Page, name: RegExp | string, exact = false) =>
  page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name, exact }) })
    .click();

/** The media page's video players. */
export const players = (page: Page) => page.getByTestId("variant-player");

/** Plays the `index`th video on the media page (muted, as autoplay rules want) until time moves. */
export async function expectPlays(page: Page, index = 0): Promise<Locator> {
  const video = players(page).nth(index);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  return video;
}

/** Makes a Parallax video through the Create page (1 s long) and returns its id, on its page. */
export async function createParallax(
  page: Page,
  team: string,
  opts: { title: string; quantity?: 1 | 2; tint?: [number, number, number] },
): Promise<string> {
  await page.goto(`${team}/create`);
  await choose(page, /^Parallax/);
  await page
    .getByTestId("slot-firstImage")
    .locator('input[type="file"]')
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png(320, 240, opts.tint ?? [255, 150, 60]) });
  await expect(page.getByRole("img", { name: "Photo preview" })).toBeVisible();
  if (opts.quantity === 2) await choose(page, "2", true);
  await page.getByLabel("Duration").fill("1");
  await page.getByLabel("Title").fill(opts.title);
  await page.getByRole("button", { name: /^Create (video|2 videos)$/ }).click();
  await expect(page).toHaveURL(MEDIA_URL, { timeout: 30_000 });
  return MEDIA_URL.exec(new URL(page.url()).pathname)![1]!;
}
