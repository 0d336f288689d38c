/**
 * Seeding through the management API with a signed-in page's session (`page.request`), and calls
 * through the gateway with a key made that way.
 */
import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect } from "@playwright/test";
import { fromConsole } from "./from-console";

/** A short random suffix that keeps the names a test makes unique across runs. */
export const uniqueSuffix = () => randomBytes(3).toString("hex");

/** Creates a team (the caller becomes its owner); returns its id. */
export async function createTeam(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post("/api/admin/teams", {
    headers: fromConsole(),
    data: { name },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).team.id as string;
}

/** Creates an API key in the team; returns its id and its secret (shown only this once). */
export async function createKey(
  request: APIRequestContext,
  teamId: string,
  data: { name: string; scopes?: string[] },
): Promise<{ id: string; secret: string }> {
  const response = await request.post(`/api/admin/teams/${teamId}/keys`, {
    headers: fromConsole(),
    data,
  });
  expect(response.status()).toBe(201);
  const created = await response.json();
  return { id: created.key.id as string, secret: created.secret as string };
}

/** One user message to the gateway's chat completions with the key. */
export function chatCompletion(
  request: APIRequestContext,
  secret: string,
  content: string,
  model = "demo-small",
) {
  return request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${secret}` },
    data: { model, messages: [{ role: "user", content }] },
  });
}

/** The team's keys as the management API lists them. */
export async function listKeys(
  request: APIRequestContext,
  teamId: string,
): Promise<{ id: string; name: string; scopes: string[] }[]> {
  const response = await request.get(`/api/admin/teams/${teamId}/keys`);
  expect(response.status()).toBe(200);
  return (await response.json()).keys;
}

/** Creates a policy with one version of `body` and publishes it; returns the policy's id. */
export async function publishPolicy(
  request: APIRequestContext,
  teamId: string,
  policy: { name: string; alias: string; body: object },
): Promise<string> {
  const created = await request.post(`/api/admin/teams/${teamId}/policies`, {
    headers: fromConsole(),
    data: { name: policy.name, alias: policy.alias },
  });
  expect(created.status()).toBe(201);
  const policyId = (await created.json()).policy.id as string;
  const version = await request.post(`/api/admin/teams/${teamId}/policies/${policyId}/versions`, {
    headers: fromConsole(),
    data: { body: policy.body },
  });
  expect(version.status()).toBe(201);
  const versionId = (await version.json()).version.id as string;
  const published = await request.post(
    `/api/admin/teams/${teamId}/policies/${policyId}/versions/${versionId}/publish`,
    { headers: fromConsole() },
  );
  expect(published.status()).toBe(200);
  return policyId;
}
