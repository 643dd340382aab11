import { expect, test } from "@playwright/test";
import { createParallax, shot, signUp, uniqueEmail } from "./helpers";

// A viewer joins by invitation, watches and downloads the team's videos, and is offered nothing
// that creates, edits or spends.

test("an owner invites a viewer, who watches and downloads but sees no Create or edit controls", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Olga Owner", uniqueEmail("olga"));
  const id = await createParallax(page, team, { title: "Harbour" });
  await expect(page.getByTestId("variant-player")).toHaveCount(1, { timeout: 90_000 });

  const viewerEmail = uniqueEmail("vic");
  await page.goto(`${team}/settings`);
  await expect(page.getByTestId("role-guide")).toContainText("can watch and download videos");
  await page.getByLabel("Email address").fill(viewerEmail);
  await page.getByRole("combobox", { name: "Role for the invitation" }).click();
  await page.getByRole("option", { name: "Viewer" }).click();
  await page.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  await expect(page.getByTestId("pending-invitations")).toContainText("Viewer");

  const viewer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await viewer.goto(new URL(link).pathname);
  const join = await viewer.getByRole("link", { name: "Create an account to join" }).getAttribute("href");
  await signUp(viewer, "Vic Viewer", viewerEmail, join!);
  await expect(viewer).toHaveURL(/\/invite\//);
  await viewer.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewer).toHaveURL(new RegExp(`${team}$`));

  // The gallery: the team's video, and no way to make one.
  await expect(viewer.getByTestId("media-card")).toHaveCount(1);
  await expect(viewer.getByRole("link", { name: "New video" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Create", exact: true })).toHaveCount(0);
  await shot(viewer, "viewer-gallery");

  // The video's page: it plays and downloads; nothing edits, resubmits, processes or remixes.
  await viewer.getByTestId("media-card").first().getByRole("link").click();
  await expect(viewer).toHaveURL(new RegExp(`/media/${id}$`));
  await expect(viewer.getByTestId("variant-player")).toHaveCount(1);
  await expect(viewer.getByTestId("details-read-only")).toBeVisible();
  for (const name of ["Remix", "Save details", "Resubmit", "Process again"]) {
    await expect(viewer.getByRole("button", { name })).toHaveCount(0);
    await expect(viewer.getByRole("link", { name })).toHaveCount(0);
  }
  await expect(viewer.getByTestId("details-form")).toHaveCount(0);
  const [dl] = await Promise.all([
    viewer.waitForEvent("download"),
    viewer.getByRole("button", { name: "Download" }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe("harbour-parallax1.mp4");
  await shot(viewer, "viewer-media");

  // Typed by hand, the Create page says what a viewer may do instead of showing the form.
  await viewer.goto(`${team}/create`);
  await expect(viewer.getByRole("heading", { name: "Viewers can watch and download but not create" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Create/ })).toHaveCount(0);

  await viewer.goto(`${team}/settings`);
  await expect(viewer.getByTestId("your-role")).toContainText("Viewers can watch and download videos");
  await shot(viewer, "viewer-settings");
});
