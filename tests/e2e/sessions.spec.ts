import { expect, request as playwrightRequest, test } from "@playwright/test";
import { newClient, PASSWORD, shot, signIn, signOut, signUp, uniqueEmail } from "./helpers";

// Issue 10: sign-out used to leave a copied cookie working for 30 days; passwords could be tried
// without limit, by the form or straight at Auth.js's callback.

test("a copied session cookie stops working once its owner signs out", async ({ page, browser }) => {
  const team = await signUp(page, "Copy Cat", uniqueEmail("copy"));
  const thief = await browser.newContext();
  await thief.addCookies(await page.context().cookies());
  const stolen = await thief.newPage();
  await stolen.goto(team);
  await expect(stolen.getByRole("heading", { name: "Gallery" })).toBeVisible();

  await signOut(page);
  await stolen.goto(team);
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=/);
  await thief.close();
});

test("sign out everywhere ends the sessions of every browser", async ({ page, browser }) => {
  const email = uniqueEmail("everywhere");
  const team = await signUp(page, "Every Where", email);
  const laptop = await browser.newContext({ extraHTTPHeaders: newClient() });
  const other = await laptop.newPage();
  await signIn(other, email);
  await expect(other).toHaveURL(new RegExp(`${team}$`));

  await page.getByTestId("user-menu").click();
  await shot(page, "user-menu-sign-out-everywhere");
  await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/$/);
  await other.goto(team);
  await expect(other).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.goto(team);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await laptop.close();
});

test("wrong passwords slow down, then are refused: 429 for a script, words for the form", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("brute");
  await signUp(page, "Brute Target", email);
  await signOut(page);

  // A script speaking straight to Auth.js, as an attacker would (a fresh client each time, so
  // only the per-account limit is in play).
  const script = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: newClient() });
  const { csrfToken } = await (await script.get("/api/auth/csrf")).json();
  const post = (password: string) =>
    script.post("/api/auth/callback/credentials", {
      form: { email, password, csrfToken },
      headers: newClient(),
      maxRedirects: 0,
    });
  const started = Date.now();
  for (let i = 0; i < 10; i++) expect((await post(`wrong-pass-${i}`)).status(), `attempt ${i}`).toBe(302);
  // Three answered at once, then 0.25 + 0.5 + 1 + 2 + 4 + 4 + 4 s of waiting.
  expect(Date.now() - started).toBeGreaterThan(15_000);
  const refused = await post(PASSWORD);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(800);
  expect(await refused.json()).toEqual({
    error: "Too many sign-in attempts for this account. Try again in 15 minutes.",
  });
  await script.dispose();

  // The right password in the form: refused with the same words, and no session.
  await page.setExtraHTTPHeaders(newClient());
  await signIn(page, email);
  await expect(page.getByText("Too many sign-in attempts for this account. Try again in 15 minutes.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await shot(page, "sign-in-throttled");
});
