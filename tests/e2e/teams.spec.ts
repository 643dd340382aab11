import { expect, test } from "@playwright/test";
import { shot, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("create a team, switch between teams, rename", async ({ page }) => {
  const personal = await signUp(page, "Grace", uniqueEmail("grace"));
  await page.getByTestId("team-switcher").click();
  await page.getByRole("menuitem", { name: "Create a team" }).click();
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText("Give the team a name.")).toBeVisible();
  await page.getByLabel("Team name").fill("Launch Crew");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(/\/t\/launch-crew-[0-9a-f]{6}$/);
  await expect(page.getByTestId("team-switcher")).toContainText("Launch Crew");

  await page.getByTestId("team-switcher").click();
  await page.getByRole("menuitem", { name: "Grace's team" }).click();
  await expect(page).toHaveURL(new RegExp(`${personal}$`));

  await page.goto(`${personal}/settings`);
  await page.getByLabel("Team name").fill("Grace & Co");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Team renamed.")).toBeVisible();
  await expect(page.getByTestId("team-switcher")).toContainText("Grace & Co");
});

test("invite a colleague who signs up, joins and sees the team; a member cannot remove the owner", async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail("owner");
  const guestEmail = uniqueEmail("guest");
  const teamPath = await signUp(page, "Olivia Owner", ownerEmail);

  await page.goto(`${teamPath}/settings`);
  await page.getByLabel("Email address").fill("nonsense");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await page.getByLabel("Email address").fill(guestEmail);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await expect(page.getByTestId("pending-invitations")).toContainText(guestEmail);
  await shot(page, "team-settings-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "team-settings-phone");
  await page.goto(teamPath);
  await shot(page, "gallery-empty-phone");

  const guest = await (await browser.newContext()).newPage();
  await guest.goto(new URL(link).pathname);
  await expect(guest.getByRole("heading", { name: /Join Olivia Owner's team/ })).toBeVisible();
  await guest.getByRole("link", { name: "Create an account to join" }).click();
  await expect(guest.getByLabel("Email")).toHaveValue(guestEmail);
  await guest.getByLabel("Name").fill("Gus Guest");
  await guest.getByLabel("Password").fill("studio-pass-2026");
  await guest.getByRole("button", { name: "Create account" }).click();
  await expect(guest).toHaveURL(/\/invite\//);
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guest).toHaveURL(new RegExp(`${teamPath}$`));
  await expect(guest.getByTestId("team-switcher")).toContainText("Olivia Owner's team");

  // The link is single-use.
  await guest.goto(new URL(link).pathname);
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guest).toHaveURL(new RegExp(`${teamPath}$`));
  const third = await (await browser.newContext()).newPage();
  await signUp(third, "Third", uniqueEmail("third"));
  await third.goto(new URL(link).pathname);
  await expect(third.getByText("This invitation has already been used.")).toBeVisible();

  // A plain member sees the member list without controls, and a crafted request is refused.
  await guest.goto(`${teamPath}/settings`);
  await expect(guest.getByTestId("member-list")).toContainText(ownerEmail);
  await expect(guest.getByTestId("member-list")).toContainText(guestEmail);
  await expect(guest.getByRole("button", { name: "Remove" })).toHaveCount(0);
  const ownerId = await guest
    .locator(`[data-testid="member-row"]:has-text("${ownerEmail}")`)
    .getAttribute("data-user-id");
  expect(ownerId).toBeTruthy();
  // Point the member's own "leave" form at the owner, as a crafted request would, and send it.
  await guest
    .locator('form:has(input[name="userId"])')
    .last()
    .evaluate((form, id) => {
      (form.querySelector('input[name="userId"]') as HTMLInputElement).value = id as string;
    }, ownerId);
  await guest.getByRole("button", { name: "Leave this team" }).click();
  await guest.getByRole("button", { name: "Leave team" }).click();
  await expect(guest.getByText("Only owners and admins can manage members.")).toBeVisible();
  await page.goto(`${teamPath}/settings`);
  await expect(page.getByTestId("member-list")).toContainText(ownerEmail);
  await expect(page.getByTestId("member-list")).toContainText(guestEmail);
  await signOut(guest);
  await signIn(guest, guestEmail);
  await expect(guest).toHaveURL(new RegExp(`${teamPath}$`));
});

test("the header's menus open on a quick click while their code arrives, and never on a scroll", async ({ page }) => {
  await signUp(page, "Hopper", uniqueEmail("hopper"));
  const switcher = page.getByTestId("team-switcher");
  // Load the menus' module through the other menu, so a swap of the switcher is one render away.
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitem", { name: "Sign out", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.mouse.move(0, 0);

  // A touch that becomes a scroll: pressed, cancelled, never a click. No menu.
  await switcher.evaluate(async (button) => {
    const touch = { bubbles: true, button: 0, pointerType: "touch", isPrimary: true };
    button.dispatchEvent(new PointerEvent("pointerover", touch));
    button.dispatchEvent(new PointerEvent("pointerdown", touch));
    button.dispatchEvent(new PointerEvent("pointercancel", touch));
    await new Promise((r) => setTimeout(r, 300));
  });
  await expect(page.getByRole("menuitem", { name: "Create a team" })).toHaveCount(0);

  // A quick click whose press and click straddle the moment the code is ready: it opens.
  await switcher.evaluate(async (button) => {
    const init = { bubbles: true, button: 0, pointerType: "mouse", isPrimary: true };
    button.dispatchEvent(new PointerEvent("pointerover", init));
    button.dispatchEvent(new PointerEvent("pointerdown", init));
    await new Promise((r) => setTimeout(r, 200));
    document.querySelector<HTMLElement>('[data-testid="team-switcher"]')?.click();
  });
  await expect(page.getByRole("menuitem", { name: "Create a team" })).toBeVisible();
});
