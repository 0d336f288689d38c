import { expect, type Page, test } from "@playwright/test";
import { e2eEnv } from "../support/e2e-env";
import { snap } from "../support/snap";

async function fillLogin(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an unauthenticated visit goes to the login page and back after signing in", async ({
  page,
}, testInfo) => {
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fkeys$/);
  await expect(page.getByRole("heading", { name: "Sign in to Switchyard" })).toBeVisible();
  await snap(page, testInfo, "login");
  await fillLogin(page, e2eEnv.ownerEmail, e2eEnv.ownerPassword);
  await expect(page).toHaveURL(/\/keys(\?.*)?$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await snap(page, testInfo, "keys-after-login");
});

test("a wrong password shows an error and stays on the login page", async ({ page }, testInfo) => {
  await page.goto("/login");
  await fillLogin(page, e2eEnv.ownerEmail, "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  await snap(page, testInfo, "login-wrong-password");
});

test("the seeded owner logs in, sees the console and every section, and signs out", async ({
  page,
}, testInfo) => {
  await page.goto("/login");
  await fillLogin(page, e2eEnv.ownerEmail, e2eEnv.ownerPassword);

  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/(\?.*)?$/);
  await expect(page.getByTestId("current-user")).toContainText(e2eEnv.ownerEmail);
  await expect(page.getByTestId("overview")).toBeVisible();
  await snap(page, testInfo, "overview");

  const nav = page.getByRole("navigation", { name: "Console" });
  const sections = [
    ["API keys", "/keys"],
    ["Routing policies", "/policies"],
    ["Learning", "/learning"],
    ["Budgets", "/budgets"],
    ["Spend", "/spend"],
    ["Statement", "/statement"],
    ["Providers & models", "/providers"],
    ["Request log", "/requests"],
  ] as const;
  for (const [label, path] of sections) {
    await nav.getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`${path}(\\?.*)?$`));
    await expect(page.getByRole("heading", { name: label, level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
    await snap(page, testInfo, path.slice(1));
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await snap(page, testInfo, "signed-out");
});

test("the console has a favicon at /favicon.ico", async ({ page }) => {
  const response = await page.request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\//);
  expect((await response.body()).length).toBeGreaterThan(0);
  await page.goto("/login");
  const icon = page.locator('head link[rel="icon"]').first();
  await expect(icon).toHaveAttribute("href", /.+/);
  const href = (await icon.getAttribute("href")) ?? "";
  expect((await page.request.get(href)).status()).toBe(200);
});
