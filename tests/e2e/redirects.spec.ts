import { expect, test } from "@playwright/test";
import { PASSWORD, signOut, signUp, uniqueEmail } from "./helpers";

// callbackUrl tricks: the sign-in and sign-up pages never 500 and never send anyone off the app.

const TRICKS = [
  "%2F%09%2Fevil.example%2F",
  "%2F%5Cevil.example",
  "%2F%2Fevil.example",
  "https%3A%2F%2Fevil.example",
  "%2F%0A",
  "%2Fx%0D%0ASet-Cookie%3A%20a%3Db",
  "%2F%00",
  "%2F%E6%97%A5%E6%9C%AC",
  "%2F%C3%A9",
  "javascript%3Aalert(1)",
];

test("weird callbackUrls: the pages answer and the hidden input holds a path or nothing", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-up"]) {
    for (const trick of TRICKS) {
      const response = await page.goto(`${path}?callbackUrl=${trick}`);
      expect(response?.status(), `${path} ${trick}`).toBe(200);
      const values = await page
        .locator('input[name="callbackUrl"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      for (const v of values)
        expect(v === "" || /^\/(?![/\\])[\x21-\x7e]*$/.test(v), `${path} ${trick}: ${v}`).toBe(true);
      expect(values.join(" ")).not.toContain("evil.example");
    }
  }
});

test("the tab trick lands on the app after sign-up, sign-in and when already signed in", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "http://localhost").origin;
  const email = uniqueEmail("redirect");
  const team = await signUp(page, "Redirect Tester", email, `/sign-up?callbackUrl=${TRICKS[0]}`);
  expect(new URL(page.url()).origin).toBe(origin);
  expect(team).toMatch(/^\/t\//);

  await signOut(page);
  await page.goto(`/sign-in?callbackUrl=${TRICKS[0]}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/t\/[^/]+$/);
  expect(new URL(page.url()).origin).toBe(origin);

  for (const trick of TRICKS) {
    const response = await page.goto(`/sign-in?callbackUrl=${trick}`);
    expect(response?.status() ?? 0, trick).toBeLessThan(500);
    expect(new URL(page.url()).origin, trick).toBe(origin);
  }
});
