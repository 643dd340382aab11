import { deflateSync } from "node:zlib";
import { expect, type Page } from "@playwright/test";

// Shared by tests/e2e/gallery.spec.ts and detail.spec.ts (not a Vitest file: no .test.ts).

export const SANDBOX_KEY = "sandbox-local-key";
export const CRON_SECRET = "e2e-cron-secret-0123456789";
export const MEDIA_URL = /\/t\/[^/]+\/media\/([0-9a-f-]{36})$/;

/** A real PNG (a colour gradient) so the sandbox renders something worth looking at. */
export function png(width: number, height: number, tint: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((x / width) * tint[0]);
      raw[row + 2 + x * 3] = Math.round((y / height) * tint[1]);
      raw[row + 3 + x * 3] = Math.round(tint[2] * (1 - x / width / 2));
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

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
