import { existsSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import { createParallax, E2E_DATABASE, players, shot, signUp, uniqueEmail } from "./helpers";

// Delete → Trash → restore → delete → delete forever, against the production build: the stored
// copy the media page played answers 404 afterwards, the media is gone, and so are its files on
// the server's disk (its stored copies and the photo it was made from).

test.describe.configure({ timeout: 180_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

/** The server's local storage (tests/e2e/server.ts: DATA_DIR=.data/e2e, files under storage/). */
const storedFile = (key: string) => path.resolve(".data/e2e/storage", key);

/** Every file the media owns in the storage: its copies, its uploads and their thumbnails. */
async function storedFilesOf(id: string): Promise<string[]> {
  const copies = await sql<{ key: string }[]>`select storage_key as key from media_assets where media_id = ${id}`;
  const [m] = await sql<{ inputs: { key?: string }[] }[]>`select inputs from media where id = ${id}`;
  const inputKeys = (m?.inputs ?? []).map((i) => i.key).filter((k): k is string => typeof k === "string");
  const ups = inputKeys.length
    ? await sql<{ key: string; thumb: string | null }[]>`
        select storage_key as key, thumbnail_key as thumb from uploads where storage_key in ${sql(inputKeys)}`
    : [];
  return [...copies.map((c) => c.key), ...ups.flatMap((u) => (u.thumb ? [u.key, u.thumb] : [u.key]))].map(storedFile);
}

async function moveToTrash(page: Page) {
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("stays in your Vimmerse account");
  await shot(page, "trash-confirm");
  await dialog.getByRole("button", { name: "Move to Trash" }).click();
  await expect(page.getByTestId("trash-banner")).toBeVisible();
}

test("delete, restore from the Trash, delete again and forever: files and media gone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Tereza", uniqueEmail("tereza"));
  const id = await createParallax(page, team, { title: "Outtake" });
  await expect(players(page)).toHaveCount(1, { timeout: 90_000 });
  const videoUrl = new URL((await players(page).first().getAttribute("src"))!, page.url()).toString();
  expect((await page.request.get(videoUrl)).status()).toBe(200);
  await page.screenshot({ path: "/tmp/trash-delete-button.png" });
  // The files the purge must remove, on the server's disk now: the copy played above, the photo.
  const files = await storedFilesOf(id);
  expect(files.length).toBeGreaterThanOrEqual(2);
  for (const f of files) expect(existsSync(f), f).toBe(true);

  await moveToTrash(page);
  await expect(page.getByTestId("trash-banner")).toContainText(/In the Trash since .+; purged on /);
  await expect(page.getByTestId("trash-banner")).toContainText("stays in your Vimmerse account");
  await page.screenshot({ path: "/tmp/trash-banner.png", fullPage: true });
  await shot(page, "trash-media-banner");

  // Out of the gallery; listed in the Trash, through the main nav.
  await page.goto(team);
  await expect(page.getByRole("link", { name: /Outtake/ })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trash" }).click();
  await expect(page).toHaveURL(new RegExp(`${team}/trash$`));
  const row = page.getByTestId("trash-row").filter({ hasText: "Outtake" });
  await expect(row).toContainText("Tereza");
  await expect(row).toContainText("30 days");
  await page.screenshot({ path: "/tmp/trash-page.png", fullPage: true });
  await shot(page, "trash-page");

  await row.getByRole("button", { name: "Restore Outtake" }).click();
  await expect(page.getByText("The Trash is empty")).toBeVisible();
  await page.goto(team);
  await expect(page.getByRole("link", { name: /Outtake/ }).first()).toBeVisible();

  await page.goto(`${team}/media/${id}`);
  // Restored: the files are all still there.
  for (const f of files) expect(existsSync(f), f).toBe(true);
  await moveToTrash(page);
  await page.goto(`${team}/trash`);
  await page
    .getByTestId("trash-row")
    .filter({ hasText: "Outtake" })
    .getByRole("button", { name: "Delete forever" })
    .click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("cannot be undone");
  await dialog.getByRole("button", { name: "Delete forever" }).click();
  await expect(page.getByText("The Trash is empty")).toBeVisible();

  expect((await page.request.get(videoUrl)).status()).toBe(404);
  expect((await page.goto(`${team}/media/${id}`))?.status()).toBe(404);
  for (const f of files) expect(existsSync(f), f).toBe(false);
  expect(await sql`select 1 from media_assets where media_id = ${id}`).toHaveLength(0);
});
