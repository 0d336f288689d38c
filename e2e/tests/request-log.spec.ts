import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { e2eEnv } from "../support/e2e-env";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/** A request through the gateway with the demo key, tagged; returns its request id. */
async function tagged(request: APIRequestContext, tag: string, content: string) {
  const response = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}`, "x-switchyard-tags": tag },
    data: { model: "demo-small", messages: [{ role: "user", content }] },
  });
  expect(response.status()).toBe(200);
  return response.headers()["x-request-id"] as string;
}

async function demoTeamQuery(page: Page) {
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  return `team=${teams.find((team) => team.name === "Demo")?.id}`;
}

const rowOf = (page: Page, id: string) =>
  page.locator(`[data-testid="request-row"][data-request-id="${id}"]`);

test("the request log filters as you type and shows new requests without a reload", async ({
  page,
  request,
}, testInfo) => {
  const run = Date.now();
  const first = await tagged(request, `log-a:${run}`, "First hello.");
  const other = await tagged(request, `log-b:${run}`, "Other hello.");
  await signIn(page);
  const teamQuery = await demoTeamQuery(page);
  // The gateway writes accounting in batches: load the page until both rows are there.
  await expect(async () => {
    await page.goto(`/requests?${teamQuery}`);
    await expect(rowOf(page, first)).toBeVisible({ timeout: 2_000 });
    await expect(rowOf(page, other)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // Typing is enough: no Enter, no leaving the field.
  const filter = page.getByTestId("log-filters").getByLabel("Tag");
  await filter.fill(`log-a:${run}`);
  await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(`log-a:${run}`)}`));
  await expect(rowOf(page, first)).toBeVisible();
  await expect(rowOf(page, other)).toHaveCount(0);
  await expect(filter).toBeFocused();

  // A new request under the filter shows up without reloading the page.
  await page.evaluate(() => {
    (window as unknown as { stillThisPage: boolean }).stillThisPage = true;
  });
  const later = await tagged(request, `log-a:${run}`, "Later hello.");
  const notice = page.getByTestId("new-requests");
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveText("1 new request");
  await snap(page, testInfo, "new-requests");
  await notice.click();
  await expect(rowOf(page, later)).toBeVisible();
  await expect(page.getByTestId("request-row").first()).toHaveAttribute("data-request-id", later);
  await expect(notice).toHaveCount(0);
  // The same document all along: nothing reloaded the page.
  expect(
    await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage),
  ).toBe(true);
});

test("the request log's current filter downloads as CSV", async ({ page, request }) => {
  const run = Date.now();
  const tag = `export:${run}`;
  const ids = [
    await tagged(request, tag, "Export one."),
    await tagged(request, tag, "Export two."),
  ];
  await tagged(request, `not-exported:${run}`, "Not this one.");
  await signIn(page);
  const teamQuery = await demoTeamQuery(page);
  await expect(async () => {
    await page.goto(`/requests?${teamQuery}&tag=${encodeURIComponent(tag)}`);
    for (const id of ids) await expect(rowOf(page, id)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("requests.csv");
  const { readFile } = await import("node:fs/promises");
  const lines = (await readFile((await download.path()) ?? "", "utf8")).trim().split("\r\n");
  expect(lines[0]?.startsWith("id,createdAt,keyName")).toBe(true);
  expect(
    lines
      .slice(1)
      .map((line) => line.split(",")[0])
      .sort(),
  ).toEqual([...ids].sort());
  await expect(page.getByRole("status").filter({ hasText: "Exported 2 requests" })).toBeVisible();
});

test("a request's detail shows its token classes, and a model without a price its unknown cost", async ({
  page,
  request,
}) => {
  const run = Date.now();
  await signIn(page);
  const teamQuery = await demoTeamQuery(page);
  const teamId = teamQuery.slice("team=".length);
  const models = (await (await page.request.get(`/api/admin/teams/${teamId}/models`)).json())
    .models as { name: string; connectionId: string; shared: boolean }[];
  const demo = models.find((model) => model.name === "demo-small");
  expect(demo).toBeTruthy();
  // A model on the demo's mock connection whose usage reports cache reads and reasoning tokens.
  const create = (name: string, extra: Record<string, unknown>) =>
    page.request.post(demo?.shared ? "/api/admin/models" : `/api/admin/teams/${teamId}/models`, {
      headers: fromConsole(),
      data: {
        connectionId: demo?.connectionId,
        name,
        upstreamName: "gpt-4o-mini+mock-cached-10+mock-reasoning-7",
        inputPricePerMillion: "0.15",
        outputPricePerMillion: "0.6",
        cachedInputPricePerMillion: "0.075",
        contextWindow: 128000,
        ...extra,
      },
    });
  const priced = `cached-${run}`;
  const unknown = `unknown-${run}`;
  expect((await create(priced, {})).status()).toBe(201);
  expect((await create(unknown, { unpriced: true })).status()).toBe(201);

  const ask = async (model: string) => {
    let id = "";
    // The gateway picks up the new model within a second of the change notice.
    await expect(async () => {
      const response = await request.post("/v1/chat/completions", {
        headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
        data: {
          model,
          messages: [{ role: "user", content: "Tell me about harbours. ".repeat(8) }],
        },
      });
      expect(response.status()).toBe(200);
      id = response.headers()["x-request-id"] as string;
    }).toPass({ timeout: 15_000 });
    return id;
  };
  const pricedId = await ask(priced);
  const unknownId = await ask(unknown);

  await expect(async () => {
    await page.goto(`/requests?${teamQuery}`);
    await expect(rowOf(page, pricedId)).toBeVisible({ timeout: 2_000 });
    await expect(rowOf(page, unknownId)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(rowOf(page, unknownId)).toContainText("unknown");

  await rowOf(page, pricedId).getByRole("button").click();
  const classes = page.getByTestId("request-token-classes");
  await expect(classes).toContainText("10 cached input");
  await expect(classes).toContainText("7 reasoning");
  await rowOf(page, unknownId).getByRole("button").click();
  await expect(page.getByTestId("request-unpriced")).toContainText("unknown");
});
