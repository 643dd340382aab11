import { expect, test } from "@playwright/test";
import { PASSWORD, shot, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("landing page says what the product does and leads to sign-up", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("videos");
  await shot(page, "landing-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "landing-phone");
  await page.getByRole("link", { name: "Get started" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("sign up, sign out, sign in, wrong password", async ({ page }) => {
  const email = uniqueEmail("ada");
  await page.goto("/sign-in");
  await shot(page, "sign-in-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "sign-in-phone");
  await page.setViewportSize({ width: 1280, height: 720 });
  const path = await signUp(page, "Ada Lovelace", email);
  expect(path).toMatch(/^\/t\/ada-lovelace-s-team-/);
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
  await expect(page.getByText("No videos yet")).toBeVisible();
  await expect(page.getByTestId("team-switcher")).toContainText("Ada Lovelace's team");
  await shot(page, "gallery-empty-desktop");

  await signOut(page);
  await signIn(page, email, "not-the-password-1");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, email.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`${path}$`));
});

test("sign-up refuses bad input with clear messages and keeps what was typed", async ({ page }) => {
  const email = uniqueEmail("dup");
  await signUp(page, "First", email);
  await signOut(page);

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Second");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Second");
  await shot(page, "sign-up-errors-desktop");

  // An address with an account is never named as such: a wrong password gets a generic refusal,
  // the right one signs in (README, "Sign-up and email").
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another-pass-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText("We couldn't create an account with these details. If you already have one, sign in."),
  ).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/t\/first-s-team-/);
});

test("protected pages send signed-out visitors to sign-in and back", async ({ page }) => {
  await page.goto("/t/some-team/settings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ft%2Fsome-team%2Fsettings/);
  await page.goto("/app");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an unknown team, or one the user is not in, is a 404 page", async ({ page, browser }) => {
  const other = await browser.newPage();
  const otherPath = await signUp(other, "Other", uniqueEmail("other"));
  await other.close();

  await signUp(page, "Me", uniqueEmail("me"));
  for (const path of ["/t/no-such-team", otherPath, `${otherPath}/settings`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});
