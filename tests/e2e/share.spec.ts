import { createHash } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import { createParallax, E2E_DATABASE, expectPlays, players, shot, signUp, uniqueEmail } from "./helpers";

// Share links against the production build: a member shares a finished video, a signed-out
// browser plays it from /s/<token> with its unfurl tags, a password link opens with its password,
// a revoked link is a 404 and an expired one a 410.

test.describe.configure({ timeout: 180_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

async function createLink(page: Page, opts: { password?: string; downloads?: boolean; expiry?: string }) {
  const dialog = page.getByTestId("share-dialog");
  if (opts.expiry) await dialog.getByLabel("Expires").selectOption(opts.expiry);
  if (opts.password) await dialog.getByLabel("Password (optional)").fill(opts.password);
  if (opts.downloads) await dialog.getByLabel("Allow downloads").check();
  const field = dialog.getByLabel("Share link");
  const before = (await field.count()) > 0 ? await field.inputValue() : "";
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(field).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(field).not.toHaveValue(before);
  return field.inputValue();
}

/** A browser with no session: what anyone holding the link sees. */
async function stranger(browser: Browser, refusals: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refusals.push(m.text());
  });
  return page;
}

const metaOf = (page: Page, key: string) =>
  page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");

test("share a finished video, play it signed out, password, revoke and expiry", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Sam Sharer", uniqueEmail("sam"));
  await createParallax(page, team, { title: "Harbour at dusk" });
  await expect(players(page)).toHaveCount(1, { timeout: 90_000 });
  await page.reload();

  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("No links yet.")).toBeVisible();
  await shot(page, "share-dialog");
  // The dialog loads on first open; closing it gives the focus back to its button, as Radix's own trigger would.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("share-button")).toBeFocused();
  await page.getByTestId("share-button").click();
  await expect(dialog).toBeVisible();
  const open = await createLink(page, { downloads: true });
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  await expect(dialog.getByTestId("share-link")).toHaveCount(1);
  await page.screenshot({ path: "/tmp/share-dialog.png" });

  // Signed out: the page plays, carries its unfurl tags, and names nothing of the team.
  const refusals: string[] = [];
  const pub = await stranger(browser, refusals);
  const res = await pub.goto(open);
  expect(res!.status()).toBe(200);
  await expectPlays(pub);
  expect(await metaOf(pub, "og:title")).toBe("Harbour at dusk");
  expect(await metaOf(pub, "og:type")).toBe("video.other");
  expect(await metaOf(pub, "og:video")).toBe(`${open}/video`);
  expect(await metaOf(pub, "og:video:type")).toBe("video/mp4");
  expect(await metaOf(pub, "og:image")).toBe(`${open}/poster`);
  expect(await metaOf(pub, "twitter:card")).toBe("player");
  expect(await metaOf(pub, "twitter:player")).toBe(`${open}/embed`);
  const body = await pub.locator("body").textContent();
  expect(body).not.toContain("Sam Sharer");
  await expect(pub.getByRole("link", { name: "Download" })).toBeVisible();
  await pub.evaluate(() => document.querySelector("video")?.pause());
  await shot(pub, "share-public");
  await pub.screenshot({ path: "/tmp/share-public.png" });

  // A password link: a gate first, a wrong password refused, the right one plays.
  const locked = await createLink(page, { password: "harbour-2026", expiry: "1d" });
  await pub.goto(locked);
  await expect(pub.getByRole("heading", { name: "This video needs a password" })).toBeVisible();
  await expect(pub.locator('meta[property="og:video"], meta[property="og:image"]')).toHaveCount(0);
  await pub.getByLabel("Password").fill("wrong-guess");
  await pub.getByRole("button", { name: "View video" }).click();
  await expect(pub.getByRole("alert")).toHaveText("That password isn't right.");
  await pub.screenshot({ path: "/tmp/share-password.png" });
  await pub.getByLabel("Password").fill("harbour-2026");
  await pub.getByRole("button", { name: "View video" }).click();
  await expectPlays(pub);
  await expect(pub.getByRole("link", { name: "Download" })).toHaveCount(0);

  // Views counted; revoking the first link (the older row) makes it a 404.
  await page.reload();
  await page.getByTestId("share-button").click();
  const rows = page.getByTestId("share-dialog").getByTestId("share-link");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("1 view");
  await expect(rows.nth(0)).toContainText("Password");
  await rows.nth(1).getByRole("button", { name: "Revoke" }).click();
  await expect(rows.nth(1)).toContainText("Revoked");
  expect((await pub.goto(open))!.status()).toBe(404);
  expect((await pub.request.get(`${open}/video`)).status()).toBe(404);

  // An expired link is a 410, page and video alike.
  const hash = createHash("sha256").update(locked.split("/s/")[1]!).digest("hex");
  await sql`update share_links set expires_at = now() - interval '1 minute' where token_hash = ${hash}`;
  const gone = await pub.goto(locked);
  expect(gone!.status()).toBe(410);
  await expect(pub.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  expect((await pub.request.get(`${locked}/video`)).status()).toBe(410);
  await pub.screenshot({ path: "/tmp/share-expired.png" });
  expect(refusals, "the public pages break no rule of the CSP").toEqual([]);
  await pub.context().close();
});
