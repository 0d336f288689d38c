import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("spend by key, model and user, and the same numbers as CSV", async ({ page }, testInfo) => {
  await signIn(page);
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Finance ${suffix}`);
  const key = await createKey(page.request, teamId, { name: `billing ${suffix}` });
  for (const user of ["ann", "ann", "bob"]) {
    const response = await page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key.secret}` },
      data: { model: "demo-small", user, messages: [{ role: "user", content: "Total due?" }] },
    });
    expect(response.status()).toBe(200);
  }

  await page.goto(`/spend?team=${teamId}`);
  const rows = page.getByTestId("spend-row");
  // Accounting is written in batches: reload until the three requests are in.
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: `billing ${suffix}` })).toContainText("3", {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
  await snap(page, testInfo, "spend-by-key");

  await page.getByLabel("Group by").selectOption("model");
  await expect(rows.filter({ hasText: "demo-small" })).toContainText("3");
  await page.getByLabel("Group by").selectOption("user");
  await expect(rows.filter({ hasText: "ann" })).toContainText("2");
  await expect(rows.filter({ hasText: "bob" })).toContainText("1");
  await snap(page, testInfo, "spend-by-user");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("spend-by-user-30d.csv");
  const csv = await readFile((await download.path()) ?? "", "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(
    "user,id,requests,errors,input_tokens,output_tokens,cost_usd,baseline_cost_usd",
  );
  expect(lines.find((line) => line.startsWith("ann,"))?.split(",")[2]).toBe("2");
  expect(lines.find((line) => line.startsWith("bob,"))?.split(",")[2]).toBe("1");
});
