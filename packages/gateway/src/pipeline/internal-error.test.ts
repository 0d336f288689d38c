import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../create-gateway";
import {
  MemoryConfigStore,
  MemoryKeyStore,
  MemoryUsageSink,
  makeKey,
  makeModel,
  makeTeam,
} from "../testing/fakes";

let gateway: Gateway;
beforeAll(async () => {
  const team = makeTeam();
  const keys = new MemoryKeyStore();
  keys.add("sk-x", makeKey(team));
  gateway = await createGateway({
    keys,
    config: new MemoryConfigStore({
      models: [makeModel({ name: "m", baseUrl: "http://127.0.0.1:9/v1" })],
      teams: [team],
      policies: [],
    }),
    usage: new MemoryUsageSink(),
    logger: pino({ level: "silent" }),
    providers: () => {
      throw new Error("secret internal detail at /srv/app/provider.ts:42");
    },
  });
});
afterAll(async () => {
  await gateway.close();
});

describe("unexpected errors", () => {
  it("become a 500 in the caller's shape without internals", async () => {
    const request = (path: string) =>
      new Request(`http://local${path}`, {
        method: "POST",
        headers: { authorization: "Bearer sk-x" },
        body: JSON.stringify({
          model: "m",
          max_tokens: 5,
          messages: [{ role: "user", content: "hi" }],
        }),
      });
    const openai = await gateway.handleWeb(request("/v1/chat/completions"));
    expect(openai.status).toBe(500);
    const text = await openai.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toEqual({
      error: {
        message: "Internal server error",
        type: "api_error",
        code: "internal_error",
        param: null,
      },
    });
    const anthropic = await gateway.handleWeb(request("/v1/messages"));
    expect(anthropic.status).toBe(500);
    expect(await anthropic.json()).toEqual({
      type: "error",
      error: { type: "api_error", message: "Internal server error" },
    });
  });
});
