import { expect, test } from "@playwright/test";
import { e2eEnv } from "../support/e2e-env";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("feedback on an answer shows as an outcome of its policy on the learning page", async ({
  page,
  request,
}, testInfo) => {
  const completion = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
    data: {
      model: "switchyard/auto",
      messages: [{ role: "user", content: "Suggest a name for a cat." }],
    },
  });
  expect(completion.status()).toBe(200);
  const requestId = completion.headers()["x-request-id"];

  await signIn(page);
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const teamId = teams.find((team) => team.name === "Demo")?.id;
  const overview = async () =>
    (await (await page.request.get(`/api/admin/teams/${teamId}/learning`)).json()) as {
      policies: { alias: string; policyName: string; outcomes: { feedback: number } }[];
    };
  const demoPolicy = (await overview()).policies.find((p) => p.alias === "switchyard/auto");
  expect(demoPolicy).toBeTruthy();
  const before = demoPolicy?.outcomes.feedback ?? 0;

  // Feedback needs the request's log row: it is written in batches, so retry until it is there.
  await expect
    .poll(
      async () =>
        (
          await request.post("/v1/feedback", {
            headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
            data: { request_id: requestId, thumbs: "up", comment: "good name" },
          })
        ).status(),
      { timeout: 30_000 },
    )
    .toBe(200);

  await page.goto(`/learning?team=${teamId}`);
  await expect(page.getByRole("heading", { name: "Learning", level: 1 })).toBeVisible();
  const card = page
    .getByTestId("learning-policy")
    .filter({ has: page.getByText("switchyard/auto", { exact: true }) });
  await expect(card.getByTestId("learning-outcomes")).toContainText(`${before + 1} feedback`);
  await expect(card.getByTestId("learning-sampling")).toBeVisible();
  await snap(page, testInfo, "learning");
});
