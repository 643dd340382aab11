import { expect, test } from "@playwright/test";
import { expectFitsWidth, shot, signUp, uniqueEmail } from "./helpers";

// An owner's settings: the team's own Vimmerse key (tried offline with the sandbox account key
// the page offers) and a member's monthly cap. Nothing is rendered; no video is made.

test("an owner sets the team's own key from the sandbox hint, sees only its last four, and removes it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Kim Keyholder", uniqueEmail("kim"));
  // Every answer the browser gets while the key is set: none may carry it.
  const answers: Promise<string>[] = [];
  let listening = false;
  page.on("response", (r) => {
    if (listening) answers.push(r.text().catch(() => ""));
  });

  await page.goto(`${team}/settings`);
  const card = page.getByTestId("vimmerse-key-card");
  await expect(card.getByTestId("key-status")).toHaveText("Using the studio's Vimmerse account");
  const key = (await card.getByTestId("sandbox-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^sbx_[a-z0-9-]+_[0-9a-f]{32}$/);
  // The long sandbox key wraps rather than widening a phone's page.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsWidth(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await card.screenshot({ path: "/tmp/key-card-hint.png", style: "header { visibility: hidden !important; }" });
  const input = card.getByLabel("Your team's Vimmerse API key");
  await expect(input).toHaveAttribute("type", "password");

  // A key the sandbox never made: refused, nothing saved.
  await input.fill(`sbx_someone-else_${"0".repeat(32)}`);
  await card.getByRole("button", { name: "Check and save" }).click();
  await expect(card.getByText("Vimmerse did not accept this key. Nothing was saved.")).toBeVisible();
  await expect(card.getByTestId("key-status")).toHaveText("Using the studio's Vimmerse account");

  await card.getByRole("button", { name: "Fill in" }).click();
  await expect(input).toHaveValue(key);
  listening = true;
  await card.getByRole("button", { name: "Check and save" }).click();
  const last4 = key.slice(-4);
  await expect(card.getByTestId("key-status")).toContainText(`Using your team's key ending in ····${last4}`);
  await expect(card.getByTestId("key-status")).toContainText("by Kim Keyholder");
  await expect(card.getByRole("status")).toHaveText(`Saved. This team now uses its own key ending in ${last4}.`);
  // The offer to try a key is gone once one is set, and the field is empty again.
  await expect(card.getByTestId("sandbox-key")).toHaveCount(0);
  await expect(card.getByLabel("Replace the key")).toHaveValue("");
  await expectFitsWidth(page);
  // Away from the buttons, and without the sticky header over the card's top.
  await page.mouse.move(0, 0);
  await card.screenshot({ path: "/tmp/key-card.png", style: "header { visibility: hidden !important; }" });
  await shot(page, "team-key-settings");

  await page.reload();
  await expect(card.getByTestId("key-status")).toContainText(`····${last4}`);
  expect(await page.content()).not.toContain(key);
  listening = false;
  expect(answers.length).toBeGreaterThan(1);
  for (const body of await Promise.all(answers)) expect(body).not.toContain(key);

  await card.getByRole("button", { name: "Remove the team's key" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove key" }).click();
  await expect(card.getByTestId("key-status")).toHaveText("Using the studio's Vimmerse account");
  await expect(card.getByRole("status")).toHaveText(
    "Removed. This team's videos use the studio's Vimmerse account again.",
  );
  // Back on the studio's account, the key to try is offered again.
  await expect(card.getByTestId("sandbox-key")).toHaveText(key);
  // Nothing else was made on the way.
  await page.goto(team);
  await expect(page.getByTestId("media-card")).toHaveCount(0);
});

test("an owner caps a member's monthly spend, with this month's spend beside it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Cora Capper", uniqueEmail("cora"));
  await page.goto(`${team}/settings`);
  const row = page.getByTestId("member-row").first();
  await expect(row.getByTestId("member-cap-summary")).toHaveText("0 credits this month · No cap");
  const cap = row.getByLabel("Monthly cap for Cora Capper");

  await cap.fill("lots");
  await row.getByRole("button", { name: "Set cap" }).click();
  await expect(
    row.getByText("Enter a whole number of credits (0 or more), or leave it blank for no cap."),
  ).toBeVisible();
  await expect(row.getByTestId("member-cap-summary")).toHaveText("0 credits this month · No cap");

  await cap.fill("120");
  await row.getByRole("button", { name: "Set cap" }).click();
  await expect(row.getByTestId("member-cap-summary")).toHaveText("0 credits this month · cap 120 credits");
  await expect(cap).toHaveValue("120");
  await expectFitsWidth(page);
  await page.mouse.move(0, 0);
  await page.getByTestId("member-list").screenshot({ path: "/tmp/members-caps.png" });
  await shot(page, "members-caps");

  await cap.fill("");
  await row.getByRole("button", { name: "Set cap" }).click();
  await expect(row.getByTestId("member-cap-summary")).toHaveText("0 credits this month · No cap");
});
