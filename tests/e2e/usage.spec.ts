import { expect, test } from "@playwright/test";
import { createParallax, shot, signUp, uniqueEmail } from "./helpers";

// An owner's usage page with real data: the render just made is on the chart, in the tables and in
// the CSV; the nav offers Usage to owners and admins only.

test("the usage page charts this month's real spend and exports it as CSV", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Uma Usage", uniqueEmail("uma"));
  const id = await createParallax(page, team, { title: "Usage harbour" });
  await expect(page.getByTestId("variant-player")).toHaveCount(1, { timeout: 90_000 });

  await page.getByRole("link", { name: "Usage" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${team}/usage$`));
  const chart = page.getByRole("img", { name: /Credits per day/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("rect").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Usage harbour" })).toHaveAttribute("href", `${team}/media/${id}`);
  await shot(page, "usage-desktop");

  const csv = await page.request.get(
    await page
      .getByRole("link", { name: "Download CSV" })
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(id);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await shot(page, "usage-phone");
});
