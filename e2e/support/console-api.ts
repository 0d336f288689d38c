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
