import { expect, test } from "@playwright/test";
import { createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test.use({ viewport: { width: 390, height: 844 } });

test("the keys page fits a phone: no sideways scrolling, content on the first screen", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Phone ${uniqueSuffix()}`);
  await createKey(page.request, teamId, {
    name: "a rather long key name for a narrow screen",
    scopes: ["demo-small", "demo-large"],
  });
  await page.goto(`/keys?team=${teamId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("a rather long key name for a narrow screen")).toBeVisible();

  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  // Each key fits the screen too: its details stack instead of scrolling in the table's box.
  const table = page.getByTestId("keys-table");
  const fits = await table.evaluate((element) => {
    const box = element.parentElement as HTMLElement;
    return { scroll: box.scrollWidth, client: box.clientWidth };
  });
  expect(fits.scroll).toBeLessThanOrEqual(fits.client);
  const row = page.getByTestId("key-row");
  await expect(row.getByText("demo-small, demo-large")).toBeVisible();
  const revoke = row.getByRole("button", { name: /Revoke/ });
  await revoke.scrollIntoViewIfNeeded();
  await expect(revoke).toBeInViewport({ ratio: 1 });
  // The page's own content starts on the first screen, not below the navigation.
  const main = await page.locator("main").boundingBox();
  expect(main?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(844 / 2);
  const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect((heading?.y ?? Number.POSITIVE_INFINITY) + (heading?.height ?? 0)).toBeLessThan(844);
  await snap(page, testInfo, "keys-390");

  // The navigation is one tap away.
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  await menu.click();
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Request log" })).toBeVisible();
  await snap(page, testInfo, "menu-open-390");
  await nav.getByRole("link", { name: "Request log" }).click();
  await expect(page).toHaveURL(/\/requests/);
  await expect(nav.getByRole("link", { name: "Request log" })).toBeHidden();
});
