import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readZip } from "../helpers/zip-reader";
import { createParallax, players, signUp, uniqueEmail } from "./helpers";

// The gallery selection's ZIP against the production build: three finished videos, posted as the
// signed-in member's form, arrive as one download of three MP4s that each play (ffprobe finds a
// video stream with a duration).

test.describe.configure({ timeout: 300_000 });

const ffprobe: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;

function probe(bytes: Buffer): { duration: number; video: boolean } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "zip-e2e-")), "v.mp4");
  writeFileSync(file, bytes);
  const out = JSON.parse(
    execFileSync(ffprobe, ["-v", "error", "-show_format", "-show_streams", "-of", "json", file], { encoding: "utf8" }),
  ) as { format: { duration: string }; streams: { codec_type: string }[] };
  return { duration: Number(out.format.duration), video: out.streams.some((s) => s.codec_type === "video") };
}

test("a ZIP of three finished videos holds three playable MP4s", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Zora", uniqueEmail("zora"));
  const slug = team.split("/").pop()!;
  const ids: string[] = [];
  for (const [i, title] of ["Dune", "Dune", "Harbour"].entries()) {
    ids.push(await createParallax(page, team, { title, tint: [40 + 80 * i, 120, 200 - 60 * i] }));
    await expect(players(page)).toHaveCount(1, { timeout: 90_000 });
  }

  // A real form post from the app's page, as the gallery's "Download ZIP" sends it.
  await page.goto(team);
  const downloading = page.waitForEvent("download");
  await page.evaluate(
    ({ action, value }) => {
      const form = Object.assign(document.createElement("form"), { method: "POST", action });
      form.append(Object.assign(document.createElement("input"), { type: "hidden", name: "ids", value }));
      document.body.append(form);
      form.submit();
    },
    { action: `/api/t/${slug}/media/zip`, value: ids.join(",") },
  );
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${slug}-3-videos.zip`);
  const saved = path.join(mkdtempSync(path.join(tmpdir(), "zip-e2e-")), download.suggestedFilename());
  await download.saveAs(saved);

  const entries = readZip(readFileSync(saved));
  expect(entries.map((e) => e.name)).toEqual([
    `dune-${ids[0]!.slice(0, 8)}.mp4`,
    `dune-${ids[1]!.slice(0, 8)}.mp4`,
    `harbour-${ids[2]!.slice(0, 8)}.mp4`,
  ]);
  for (const e of entries) {
    const p = probe(e.bytes);
    expect(p.video, e.name).toBe(true);
    expect(p.duration, e.name).toBeGreaterThan(0);
  }

  // Another account posting these ids to its own team gets nothing of them.
  const other = await page.context().browser()!.newContext();
  const stranger = await other.newPage();
  const theirs = (await signUp(stranger, "Otto", uniqueEmail("otto"))).split("/").pop()!;
  const refused = await stranger.request.post(`/api/t/${theirs}/media/zip`, { form: { ids: ids.join(",") } });
  expect(refused.status()).toBe(404);
  expect(await refused.text()).toMatch(/None of these videos/);
  expect((await stranger.request.post(`/api/t/${slug}/media/zip`, { form: { ids: ids.join(",") } })).status()).toBe(
    404,
  );
  await other.close();
});
