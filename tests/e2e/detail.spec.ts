import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { createParallax, expectPlays, players, sandboxSettings, shot, signUp, uniqueEmail } from "./helpers";

// A video's page against the production build with the sandbox as upstream: live progress,
// every variant playable, downloads ffprobe can read, edits, new generations, remix, and the
// team boundary.

test.describe.configure({ timeout: 240_000 });

const ffprobePath: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;
const downloads = path.resolve("tests/.artifacts/downloads");

function probe(file: string): { duration: number; width: number } {
  const out = JSON.parse(
    execFileSync(ffprobePath, ["-v", "error", "-show_format", "-show_streams", "-of", "json", file], {
      encoding: "utf8",
    }),
  );
  const video = out.streams.find((s: { codec_type: string }) => s.codec_type === "video");
  return { duration: Number(out.format.duration), width: Number(video.width) };
}

async function download(page: Page, fileName: string): Promise<{ name: string; file: string }> {
  mkdirSync(downloads, { recursive: true });
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download" }).click(),
  ]);
  const file = path.join(downloads, `${Date.now()}-${fileName}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __same?: boolean }).__same === true);

test("watch it render, play both variants, download, edit, resubmit and remix", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Sofia", uniqueEmail("sofia"));
  await sandboxSettings(page, { delayMs: 5_000 });
  let id: string;
  try {
    id = await createParallax(page, team, { title: "Sunset", quantity: 2 });
    await markDocument(page);
    await expect(page.getByTestId("render-progress")).toBeVisible();
    await shot(page, "detail-desktop-rendering");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "detail-phone-rendering");
    await page.setViewportSize({ width: 1280, height: 900 });
  } finally {
    await sandboxSettings(page, { delayMs: 0 });
  }

  // Progress reaches done without a reload: both variants appear in the same document.
  await expect(players(page)).toHaveCount(2, { timeout: 90_000 });
  expect(await sameDocument(page)).toBe(true);
  await expect(page.getByTestId("render-progress")).toHaveCount(0);
  await expectPlays(page, 0);
  await expectPlays(page, 1);
  await page.evaluate(() =>
    document.querySelectorAll("video").forEach((v) => {
      v.pause();
    }),
  );
  await shot(page, "detail-desktop-done");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "detail-phone-done");
  await page.setViewportSize({ width: 1280, height: 900 });

  // The original MP4 from the studio's copy, then a 480 px one made by upstream.
  const original = await download(page, "original.mp4");
  expect(original.name).toBe("sunset-parallax1.mp4");
  expect(probe(original.file).duration).toBeGreaterThan(0.8);
  expect(probe(original.file).duration).toBeLessThan(1.3);
  await page.getByLabel("Video", { exact: true }).selectOption("Parallax2");
  await page.getByLabel("Width").selectOption("480");
  const small = await download(page, "small.mp4");
  expect(small.name).toBe("sunset-parallax2-480.mp4");
  expect(probe(small.file)).toMatchObject({ width: 480 });

  // Free edits.
  await page.getByLabel("Title").fill("Sunset (final)");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sunset (final)");

  // A changed parameter: confirmed first, then a second history entry and a new render.
  await page.getByLabel("Duration").selectOption("2");
  await page.getByRole("button", { name: "Resubmit with these settings" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("spends credits");
  await page.getByRole("button", { name: "Spend credits and render" }).click();
  await expect(page.getByText("Generation 2 is on its way.")).toBeVisible();
  await expect(page.getByTestId("history-entry")).toHaveCount(2);
  await expect(page.getByTestId("history-entry").first()).toContainText("Duration: 1 s → 2 s");
  await expect(page.getByTestId("history-entry").first().getByTestId("status-badge")).toHaveText("Ready", {
    timeout: 90_000,
  });
  await expect(players(page)).toHaveCount(2);
  await expect(page.getByTestId("history-entry").last().getByTestId("status-badge")).toHaveText("Ready");

  // Remix opens Create with this video's settings.
  await page.getByRole("link", { name: "Remix" }).click();
  await expect(page).toHaveURL(new RegExp(`/create\\?remix=${id!}$`));
  await expect(page.getByLabel("Title")).toHaveValue("Sunset (final)");
  await expect(page.getByRole("radio", { name: /^Parallax/ })).toBeChecked();
});

test("a teammate sees and plays it; another team's user gets 404s and changes nothing", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Omar", uniqueEmail("omar"));
  const slug = team.split("/").pop()!;
  const id = await createParallax(page, team, { title: "Shared sunrise" });
  await expect(players(page)).toHaveCount(1, { timeout: 90_000 });
  const assetSrc = await players(page).first().getAttribute("src");

  // Invite a teammate, who joins and plays the video.
  await page.goto(`${team}/settings`);
  const mateEmail = uniqueEmail("tess");
  await page.getByLabel("Email address").fill(mateEmail);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  const mate = await (await browser.newContext()).newPage();
  await mate.goto(new URL(link).pathname);
  await mate.getByRole("link", { name: "Create an account to join" }).click();
  await expect(mate.getByLabel("Email")).toHaveValue(mateEmail);
  await mate.getByLabel("Name").fill("Tess Teammate");
  await mate.getByLabel("Password").fill("studio-pass-2026");
  await mate.getByRole("button", { name: "Create account" }).click();
  await expect(mate).toHaveURL(/\/invite\//);
  await mate.getByRole("button", { name: "Accept invitation" }).click();
  await expect(mate).toHaveURL(new RegExp(`${team}$`));
  await mate.getByTestId("media-card").filter({ hasText: "Shared sunrise" }).click();
  await expect(mate).toHaveURL(new RegExp(`/media/${id}$`));
  await expectPlays(mate);

  // Someone from another team: every way in is a 404.
  const stranger = await (await browser.newContext()).newPage();
  const strangerTeam = await signUp(stranger, "Mallory", uniqueEmail("mallory"));
  expect((await stranger.goto(`${team}/media/${id}`))?.status()).toBe(404);
  expect((await stranger.goto(`${strangerTeam}/media/${id}`))?.status()).toBe(404);
  for (const url of [`/api/t/${slug}/media/${id}/download`, `/api/t/${slug}/media/status?ids=${id}`, assetSrc!]) {
    const res = await stranger.request.get(url);
    expect(res.status(), url).toBe(404);
    expect(await res.text()).not.toContain("Shared sunrise");
  }

  // Actions: the stranger's own video page, its forms pointed at the other team's video.
  await createParallax(stranger, strangerTeam, { title: "Mine" });
  const forge = async (testId: string, teamSlug: string) => {
    await stranger.getByTestId(testId).evaluate(
      (form, v) => {
        (form.querySelector('input[name="team"]') as HTMLInputElement).value = v.teamSlug;
        (form.querySelector('input[name="mediaId"]') as HTMLInputElement).value = v.id;
      },
      { teamSlug, id },
    );
  };
  await forge("details-form", slug);
  await stranger.getByLabel("Title").fill("Hijacked");
  await stranger.getByRole("button", { name: "Save details" }).click();
  await expect(stranger.getByText("That team doesn't exist or you are not a member of it.")).toBeVisible();
  await forge("details-form", strangerTeam.split("/").pop()!);
  await stranger.getByRole("button", { name: "Save details" }).click();
  await expect(stranger.getByText("That video doesn't exist in this team.")).toBeVisible();

  // Once the stranger's own video is done, its "render again" forms are enabled: point them
  // at the other team's video too. They spend no credits there and change nothing.
  await expect(players(stranger)).toHaveCount(1, { timeout: 90_000 });
  await forge("resubmit-form", slug);
  await stranger.getByLabel("Duration").selectOption("3");
  await stranger.getByRole("button", { name: "Resubmit with these settings" }).click();
  await stranger.getByRole("button", { name: "Spend credits and render" }).click();
  await expect(stranger.getByTestId("resubmit-form")).toContainText(
    "That team doesn't exist or you are not a member of it.",
  );
  await forge("process-form", strangerTeam.split("/").pop()!);
  await stranger.getByRole("button", { name: "Process again" }).click();
  await stranger.getByRole("button", { name: "Spend credits and render" }).click();
  await expect(stranger.getByTestId("process-form")).toContainText("That video doesn't exist in this team.");

  await page.goto(`${team}/media/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shared sunrise");
  await expect(page.getByTestId("history-entry")).toHaveCount(1);
});
