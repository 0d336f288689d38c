import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";

const baseUrl = () => process.env.SWITCHYARD_E2E_BASE_URL ?? "";

async function demoTeamId(request: import("@playwright/test").APIRequestContext) {
  const teams = (await (await request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const demo = teams.find((team) => team.name === "Demo");
  if (!demo) throw new Error("no Demo team");
  return demo.id;
}

test("console pages refuse to be framed and send the usual security headers", async ({
  request,
}) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
});

test("a page on another origin cannot change anything with the console's cookie", async ({
  page,
}) => {
  await signIn(page);
  const teamId = await demoTeamId(page.request);
  const budgets = async () =>
    ((await (await page.request.get(`/api/admin/teams/${teamId}/budgets`)).json()).budgets as [])
      .length;
  const before = await budgets();

  // The attacker's page (same host, another port: the browser sends the SameSite=Lax cookie)
  // posts a text/plain form, which needs no CORS preflight.
  const target = `${baseUrl()}/api/admin/teams/${teamId}/budgets`;
  const html = `<!doctype html><form method="post" enctype="text/plain" action="${target}">
    <input name='{"period":"day","limitUsd":"0.01","action":"block","x":"' value='"}'>
    </form><script>document.forms[0].submit()</script>`;
  const attacker: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(html);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = attacker.address() as AddressInfo;
    const answer = page.waitForResponse((response) => response.url() === target);
    await page.goto(`http://127.0.0.1:${port}/`);
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  } finally {
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  }
  expect(await budgets()).toBe(before);
});

test("signing out ends the session on the server, not only in this browser", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const saved = await page.context().cookies();
  expect(saved.some((cookie) => cookie.name.includes("session-token"))).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Someone who copied the cookie before the sign-out.
  const other = await browser.newContext({ baseURL: baseUrl() });
  try {
    await other.addCookies(saved);
    expect((await other.request.get("/api/admin/teams")).status()).toBe(401);
    const visitor = await other.newPage();
    await visitor.goto("/keys");
    await expect(visitor).toHaveURL(/\/login/);
  } finally {
    await other.close();
  }
});

test("sign-in attempts are throttled per account, with a retry time", async ({ page, request }) => {
  const email = `nobody-${randomBytes(4).toString("hex")}@example.test`;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const attempt = () =>
    request.post("/api/auth/callback/credentials", {
      form: { email, password: "wrong-password", csrfToken, json: "true" },
    });
  const statuses: number[] = [];
  for (let i = 0; i < 10; i += 1) statuses.push((await attempt()).status());
  expect(statuses.every((status) => status === 401)).toBe(true);
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  // The sign-in form says so.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Too many sign-in attempts");
});
