import { expect, test } from "@playwright/test";
import { chatCompletion, createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/**
 * A self-hosted user's first hour: a vLLM connection (mock-llm plays the server), its models
 * imported from its own list and one added by hand, Test connection on a good and a bad model,
 * a request routed to the new model through the gateway, and a model removed.
 */
test("add models to a self-hosted connection, test them, route to one, remove one", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Models ${suffix}`);
  // The demo team's mock connection tells where the mock provider listens.
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const demo = teams.find((team) => team.name === "Demo");
  const providers = await (await page.request.get(`/api/admin/teams/${demo?.id}/providers`)).json();
  const mockUrl = (providers.connections as { shared: boolean; baseUrl: string }[]).find(
    (c) => c.shared,
  )?.baseUrl;
  expect(mockUrl).toBeDefined();

  await page.goto(`/providers?team=${teamId}`);
  const connectionForm = page.getByRole("form", { name: "Add a provider connection" });
  await connectionForm.getByLabel("Provider").selectOption("vllm");
  await connectionForm.getByLabel("Name").fill(`GPU box ${suffix}`);
  await connectionForm.getByLabel("Base URL").fill(mockUrl ?? "");
  await connectionForm.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("connection-row").filter({ hasText: `GPU box ${suffix}` });
  await expect(row).toBeVisible();

  // Import from the provider's own list (self-hosted: priced at 0).
  await row.getByRole("button", { name: "Import from the provider" }).click();
  const picker = row.getByRole("form", { name: `Import from GPU box ${suffix}` });
  await picker.getByRole("checkbox", { name: /gpt-4o-mini/ }).check();
  await picker.getByRole("button", { name: "Add selected (1)" }).click();
  await expect(picker.getByRole("status")).toContainText("Added gpt-4o-mini");
  await expect(
    page
      .getByTestId("model-row")
      .filter({ hasText: `GPU box ${suffix}` })
      .filter({ hasText: "gpt-4o-mini" }),
  ).toBeVisible();
  await expect(picker.getByRole("checkbox", { name: /gpt-4o-mini/ })).toBeDisabled();

  // Add one by hand, under the name callers will use.
  const add = page.getByRole("form", { name: "Add a model" });
  await add.getByLabel("Connection").selectOption({ label: `GPU box ${suffix} (vllm)` });
  await add.getByLabel("Upstream model id (as the provider names it)").fill("llama3.1:8b");
  await add.getByLabel("Name callers use (default: the upstream id)").fill(`local-llama-${suffix}`);
  await add.getByLabel("Context window (tokens)").fill("131072");
  await add.getByRole("button", { name: "Add model" }).click();
  await expect(add.getByRole("status")).toContainText(`Added local-llama-${suffix}`);
  const llama = page.getByTestId("model-row").filter({ hasText: `local-llama-${suffix}` });
  await expect(llama).toContainText("upstream llama3.1:8b");

  await llama.getByRole("button", { name: `Test local-llama-${suffix}` }).click();
  const passed = page.getByTestId("model-test-result").getByRole("status");
  await expect(passed).toContainText(new RegExp(`local-llama-${suffix} answered in \\d+ ms`));
  await snap(page, testInfo, "models-add-and-test");

  // A model the provider refuses: the reason in plain words.
  await add.getByLabel("Upstream model id (as the provider names it)").fill("llama+mock-error-401");
  await add.getByLabel("Name callers use (default: the upstream id)").fill(`bad-key-${suffix}`);
  await add.getByRole("button", { name: "Add model" }).click();
  const bad = page.getByTestId("model-row").filter({ hasText: `bad-key-${suffix}` });
  await bad.getByRole("button", { name: `Test bad-key-${suffix}` }).click();
  await expect(page.getByTestId("model-test-result").getByRole("alert")).toContainText(
    "refused the credential",
  );

  // The gateway routes to the new model at once.
  const key = await createKey(page.request, teamId, { name: `app ${suffix}` });
  await expect(async () => {
    const response = await chatCompletion(page.request, key.secret, "Hi", `local-llama-${suffix}`);
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 15_000 });

  page.once("dialog", (dialog) => void dialog.accept());
  await bad.getByRole("button", { name: `Remove bad-key-${suffix}` }).click();
  await expect(bad).toHaveCount(0);
});
