import { expect, type Page, test } from "@playwright/test";
import { createParallax, shot, signUp, uniqueEmail } from "./helpers";

// Collections, favourites and bulk selection in the gallery (issue 12), against the production
// build: a collection made on its page, three cards chosen by click + shift-click and filed in it,
// the gallery filtered by it through the URL, a favourite and its filter, two moved to the Trash.

test.describe.configure({ timeout: 300_000 });

const cards = (page: Page) => page.getByTestId("media-card");
const card = (page: Page, title: string) => cards(page).filter({ hasText: title });
const bar = (page: Page) => page.getByTestId("selection-bar");

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("collections, favourites and bulk actions from the gallery", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const team = await signUp(page, "Lina", uniqueEmail("lina"));
  for (const [title, tint] of [
    ["Harbour", [40, 120, 255]],
    ["Meadow", [60, 200, 80]],
    ["Dunes", [240, 180, 60]],
    ["Glacier", [200, 230, 255]],
  ] as const)
    await createParallax(page, team, { title, tint: [...tint] });

  // The collections page, reached from the gallery's filter bar.
  await page.goto(team);
  await page.getByRole("search", { name: "Filter videos" }).getByRole("link", { name: "Collections" }).click();
  await expect(page).toHaveURL(new RegExp(`${team}/collections$`));
  await expect(page.getByRole("heading", { name: "No collections yet" })).toBeVisible();
  await both(page, "collections-empty");
  await page.getByLabel("New collection").fill("   ");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("Name the collection.")).toBeVisible();
  await page.getByLabel("New collection").fill("Launch");
  await page.getByRole("button", { name: "Create" }).click();
  const row = page.getByTestId("collection-row").filter({ hasText: "Launch" });
  await expect(row).toContainText("0 videos");
  const href = await row.getByRole("link", { name: "Launch" }).getAttribute("href");
  const collectionId = new URL(href!, page.url()).searchParams.get("collection")!;

  // Three cards by click + shift-click, filed in the collection.
  await page.goto(team);
  await expect(cards(page)).toHaveCount(4);
  await card(page, "Dunes").getByTestId("card-select").click();
  await card(page, "Harbour")
    .getByTestId("card-select")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toHaveText("3 selected");
  await expect(card(page, "Glacier").getByTestId("card-select")).not.toBeChecked();
  await both(page, "gallery-selection");
  const addButton = bar(page).getByRole("button", { name: "Add to collection" });
  await addButton.click();
  const dialog = page.getByTestId("collection-dialog");
  // Cancelled, the focus goes back to the button that opened it.
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(addButton).toBeFocused();
  await addButton.click();
  await expect(dialog.getByLabel("Collection", { exact: true })).toHaveValue(collectionId);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "tests/.artifacts/screenshots/gallery-add-to-collection-phone.png" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "tests/.artifacts/screenshots/gallery-add-to-collection-desktop.png" });
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(bar(page).getByRole("status")).toHaveText("3 videos added to “Launch”.");

  // The gallery filtered by it, through the URL.
  await page.goto(`${team}?collection=${collectionId}`);
  await expect(cards(page)).toHaveCount(3);
  await expect(page.getByLabel("Collection", { exact: true })).toHaveValue(collectionId);
  await expect(card(page, "Glacier")).toHaveCount(0);

  // A favourite, and the Favourites filter.
  await card(page, "Meadow").getByTestId("card-select").click();
  await bar(page).getByRole("button", { name: "Favourite", exact: true }).click();
  await expect(bar(page).getByRole("status")).toHaveText("1 video added to your favourites.");
  await expect(card(page, "Meadow").getByTestId("card-favourite")).toBeVisible();
  await page.getByRole("button", { name: "Favourites" }).click();
  await expect(page).toHaveURL(/favourites=1/);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("Meadow");
  await both(page, "gallery-favourites");

  // Two moved to the Trash from the collection's gallery.
  await page.goto(`${team}?collection=${collectionId}`);
  await card(page, "Dunes").getByTestId("card-select").click();
  await card(page, "Meadow")
    .getByTestId("card-select")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  await bar(page).getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Move 2 videos to the Trash?");
  await confirm.getByRole("button", { name: "Move to Trash" }).click();
  await expect(bar(page).getByRole("status")).toHaveText("2 videos moved to the Trash.");
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("Harbour");
  await page.goto(`${team}/trash`);
  await expect(page.getByTestId("trash-row")).toHaveCount(2);

  // The collection's count leaves the trashed ones out; the page looks finished with one in it.
  await page.goto(`${team}/collections`);
  await expect(page.getByTestId("collection-row").filter({ hasText: "Launch" })).toContainText("1 video");
  await both(page, "collections-list");

  // A video's page: its star and its collections.
  await page.goto(`${team}?collection=${collectionId}`);
  await cards(page).first().getByRole("link").first().click();
  await expect(page.getByTestId("collection-button")).toHaveText(/In 1 collection/);
  await page.getByTestId("favourite-button").click();
  await expect(page.getByTestId("favourite-button")).toHaveAttribute("aria-pressed", "true");
  await both(page, "media-library-actions");
});
