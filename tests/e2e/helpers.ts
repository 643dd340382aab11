import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "studio-pass-2026";
/** The database tests/e2e/server.ts makes afresh for each run. */
export const E2E_DATABASE = "studio_e2e";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

export async function signUp(page: Page, name: string, email: string, path = "/sign-up"): Promise<string> {
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
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `tests/.artifacts/screenshots/${name}.png`, fullPage: true });
}
