import { expect, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env";

/**
 * Sign in through the login form (the seeded owner unless told otherwise) and wait until the
 * console shows the user; with `landOn`, log in through `?callbackUrl=` and check the landing page.
 */
export async function signIn(
  page: Page,
  options: { email?: string; password?: string; landOn?: string } = {},
) {
  const email = options.email ?? e2eEnv.ownerEmail;
  const password = options.password ?? e2eEnv.ownerPassword;
  const query = options.landOn ? `?callbackUrl=${encodeURIComponent(options.landOn)}` : "";
  await page.goto(`/login${query}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (options.landOn) await expect(page).toHaveURL(new RegExp(`${options.landOn}$`));
  await expect(page.getByTestId("current-user")).toContainText(email);
}
