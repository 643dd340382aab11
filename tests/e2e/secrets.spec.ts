import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { BUILD_SECRETS, SANDBOX_KEY, signUp, uniqueEmail } from "./helpers";

// The build ran with secrets in its environment (tests/e2e/build.ts); the browser gets none of them.

const shipped = path.resolve(".next/static");
const secrets = { ...BUILD_SECRETS, SANDBOX_KEY };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

test("no secret the build saw is in any file under .next/static", () => {
  const files = filesUnder(shipped);
  expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(10);
  const leaks = files.flatMap((file) => {
    const text = readFileSync(file, "latin1");
    return Object.entries(secrets)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => `${name} in ${path.relative(shipped, file)}`);
  });
  expect(leaks).toEqual([]);
});

test("no secret is in the pages a signed-in user loads", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    if (res.request().resourceType() === "document" || res.request().resourceType() === "script")
      bodies.push(await res.text().catch(() => ""));
  });
  const gallery = await signUp(page, "Keeper", uniqueEmail("keeper"));
  for (const where of [gallery, `${gallery}/create`, `${gallery}/settings`, "/"]) {
    await page.goto(where);
    await page.waitForLoadState("networkidle");
  }
  expect(bodies.length).toBeGreaterThan(5);
  const found = Object.entries(secrets).filter(([, value]) => bodies.some((b) => b.includes(value)));
  expect(found.map(([name]) => name)).toEqual([]);
});
