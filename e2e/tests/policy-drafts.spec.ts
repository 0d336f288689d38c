import { expect, type Page, test } from "@playwright/test";
import { createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/** Records the dialogs the page opens (accepting each) so reloads and closes go ahead. */
function recordDialogs(page: Page) {
  const seen: string[] = [];
  page.on("dialog", (dialog) => {
    seen.push(dialog.type());
    void dialog.accept();
  });
  return seen;
}

test("an unsaved policy draft warns before unload and survives a reload and navigation", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Drafts ${uniqueSuffix()}`);
  await page.goto(`/policies?team=${teamId}`);
  await page.getByLabel("Name", { exact: true }).fill("Auto");
  await page.getByLabel("Alias (the model name callers send)").fill("switchyard/auto");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  const dialogs = recordDialogs(page);

  // Saved and unchanged: a reload neither warns nor restores anything.
  await page.reload();
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  expect(dialogs).toEqual([]);
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);

  // An edit that is not saved.
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1 name").fill("unsaved-rule");
  await expect(page.getByTestId("draft-status")).toHaveText(/Unsaved changes/);

  // Reloading asks first (beforeunload); the draft is back after the reload.
  await page.reload();
  expect(dialogs).toEqual(["beforeunload"]);
  await expect(page.getByLabel("Rule 1 name")).toHaveValue("unsaved-rule");
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await snap(page, testInfo, "policy-draft-restored");

  // Leaving through the console's navigation and coming back keeps it too.
  await page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "API keys" })
    .click();
  await expect(page).toHaveURL(/\/keys/);
  await page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "Routing policies" })
    .click();
  await expect(page).toHaveURL(/\/policies/);
  await expect(page.getByLabel("Rule 1 name")).toHaveValue("unsaved-rule");

  // Discarding goes back to the saved version.
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByLabel("Rule 1 name")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await expect(page.getByLabel("Rule 1 name")).toHaveCount(0);
  expect(dialogs).toEqual(["beforeunload"]);

  // Saved: nothing to warn about or restore.
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1 name").fill("saved-rule");
  await page.getByLabel("When", { exact: true }).selectOption("keywords");
  await page.getByLabel("Values (comma-separated)").fill("invoice");
  await page.getByLabel("Then route to").selectOption("model:demo-large");
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(page.getByTestId("draft-status")).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Rule 1 name")).toHaveValue("saved-rule");
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
  expect(dialogs).toEqual(["beforeunload"]);
});
