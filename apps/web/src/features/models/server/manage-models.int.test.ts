/**
 * Adding models by hand (any provider), from the provider's own list, removing them, and Test
 * connection: real calls to mock-llm, which speaks each provider's wire format.
 */

import { createConnection, TEST_ENCRYPTION_KEY } from "@switchyard/db/testing";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminTestDatabase, callEndpoint, createTeamWithTokenUsers } from "@/server/admin/testing";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
// The mock provider listens on loopback: this instance allows it, as the demo server does.
process.env.SWITCHYARD_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";

const db = adminTestDatabase();
let mock: MockLlm;
let teamId: string;
let admin: string;
let viewer: string;

beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
  const team = await createTeamWithTokenUsers(db.prisma, ["admin", "viewer"], { name: "Models" });
  teamId = team.teamId;
  [admin, viewer] = team.tokens;
}, 60_000);
afterAll(() => mock.close());

type ModelJson = { id: string; name: string; upstreamName: string; priceOverridden: boolean };

const connection = (kind: string, baseUrl: string) =>
  createConnection(db.prisma, { teamId, kind, baseUrl, credential: "sk-test-credential-42" });

async function addModel(body: Record<string, unknown>, token = admin) {
  return callEndpoint("models.create", { token, params: { teamId }, body });
}

describe("adding a model by hand", () => {
  it("adds a model to a self-hosted connection, which the team's list then shows", async () => {
    const vllm = await connection("vllm", `${mock.url}/v1`);
    const created = await addModel({
      connectionId: vllm.id,
      name: "llama-local",
      upstreamName: "meta-llama/Llama-3.1-8B-Instruct",
      inputPricePerMillion: "0",
      outputPricePerMillion: "0",
      contextWindow: 131072,
      maxOutputTokens: 4096,
      capabilities: ["streaming", "tools"],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      model: {
        name: "llama-local",
        upstreamName: "meta-llama/Llama-3.1-8B-Instruct",
        providerKind: "vllm",
        maxOutputTokens: 4096,
        priceOverridden: true,
      },
    });
    const list = await callEndpoint("models.list", { token: viewer, params: { teamId } });
    expect((list.json as { models: ModelJson[] }).models.map((m) => m.name)).toContain(
      "llama-local",
    );
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "model.create" } });
    expect(audit?.targetId).toBe((created.json as { model: ModelJson }).model.id);
  });

  it("refuses a taken name (409), another team's connection (404), a viewer (403) and bad prices (400)", async () => {
    const azure = await connection("azure-openai", `${mock.url}`);
    const body = {
      connectionId: azure.id,
      name: "gpt-4o-eu",
      upstreamName: "my-gpt4o-deployment",
      inputPricePerMillion: "2.5",
      outputPricePerMillion: "10",
      contextWindow: 128000,
    };
    expect((await addModel(body)).status).toBe(201);
    expect((await addModel({ ...body, upstreamName: "other" })).status).toBe(409);
    expect((await addModel({ ...body, name: "other", aliases: ["gpt-4o-eu"] })).status).toBe(409);
    const elsewhere = await createConnection(db.prisma, { teamId: null, kind: "openai" });
    expect((await addModel({ ...body, name: "x1", connectionId: elsewhere.id })).status).toBe(404);
    expect((await addModel({ ...body, name: "x2" }, viewer)).status).toBe(403);
    const bad = await addModel({ ...body, name: "x3", inputPricePerMillion: "-1" });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { issues: [{ path: "body.inputPricePerMillion" }] } });
  });

  it("edits the upstream id and output limit, and removes a model", async () => {
    const openai = await connection("openai", `${mock.url}/v1`);
    const created = await addModel({
      connectionId: openai.id,
      name: "edit-me",
      inputPricePerMillion: "1",
      outputPricePerMillion: "2",
      contextWindow: 8192,
    });
    const id = (created.json as { model: ModelJson }).model.id;
    const edited = await callEndpoint("models.update", {
      token: admin,
      params: { teamId, modelId: id },
      body: { upstreamName: "gpt-4o-mini", maxOutputTokens: null },
    });
    expect(edited.json).toMatchObject({
      model: { upstreamName: "gpt-4o-mini", maxOutputTokens: null },
    });
    const removed = await callEndpoint("models.delete", {
      token: admin,
      params: { teamId, modelId: id },
    });
    expect(removed.json).toEqual({ deleted: true });
    expect(await db.prisma.model.findUnique({ where: { id } })).toBeNull();
    const again = await callEndpoint("models.delete", {
      token: admin,
      params: { teamId, modelId: id },
    });
    expect(again.status).toBe(404);
  });
});

describe("Test connection", () => {
  it("makes one real call: latency on success, the reason in plain words on failure", async () => {
    const anthropic = await connection("anthropic", mock.url);
    const make = async (name: string, upstreamName: string) =>
      (
        (
          await addModel({
            connectionId: anthropic.id,
            name,
            upstreamName,
            inputPricePerMillion: "1",
            outputPricePerMillion: "5",
            contextWindow: 200000,
          })
        ).json as { model: ModelJson }
      ).model.id;
    const before = mock.stats().requests;
    const good = await callEndpoint("models.test", {
      token: admin,
      params: { teamId, modelId: await make("haiku", "claude-haiku-4-5") },
    });
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({
      ok: true,
      status: 200,
      message: expect.stringMatching(/haiku answered in \d+ ms/),
    });
    expect(mock.stats().requests).toBe(before + 1);

    const refused = await callEndpoint("models.test", {
      token: admin,
      params: { teamId, modelId: await make("haiku-bad-key", "claude-haiku-4-5+mock-error-401") },
    });
    expect(refused.json).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringMatching(/refused the credential/),
    });
    expect(JSON.stringify(refused.json)).not.toContain("sk-test-credential-42");
    const audits = await db.prisma.auditLog.count({ where: { action: "model.test", teamId } });
    expect(audits).toBe(2);
  });
});

describe("the provider's own model list", () => {
  it("lists what the provider serves and imports it: self-hosted at price 0, catalog prices where known", async () => {
    const ollama = await connection("ollama", `${mock.url}/v1`);
    const listed = await callEndpoint("providers.upstreamModels", {
      token: admin,
      params: { teamId, connectionId: ollama.id },
    });
    const list = listed.json as {
      ok: boolean;
      models: { id: string; priced: boolean; added: boolean }[];
    };
    expect(list.ok).toBe(true);
    expect(list.models.find((m) => m.id === "gpt-4o-mini")).toEqual({
      id: "gpt-4o-mini",
      contextWindow: null,
      added: false,
      priced: true,
    });
    const imported = await callEndpoint("providers.importUpstream", {
      token: admin,
      params: { teamId, connectionId: ollama.id },
      body: { ids: ["gpt-4o-mini", "not-served-here"] },
    });
    expect(imported.json).toEqual({
      created: ["gpt-4o-mini"],
      skipped: [{ id: "not-served-here", reason: "the provider does not list it" }],
    });
    const row = await db.prisma.model.findFirstOrThrow({ where: { connectionId: ollama.id } });
    expect(row.inputPricePerMillion.toString()).toBe("0");

    // A paid provider: the catalog's price, or skipped rather than priced at 0.
    const openai = await connection("openai", `${mock.url}/v1`);
    const paid = await callEndpoint("providers.importUpstream", {
      token: admin,
      params: { teamId, connectionId: openai.id },
      body: { ids: ["gpt-4.1-nano", "claude-opus-4-1", "gpt-4o-mini"] },
    });
    expect(paid.json).toEqual({
      created: ["gpt-4.1-nano"],
      skipped: [
        { id: "claude-opus-4-1", reason: "no known price: add it by hand with its prices" },
        { id: "gpt-4o-mini", reason: "the name is taken here: add it by hand under another name" },
      ],
    });
    const nano = await db.prisma.model.findFirstOrThrow({ where: { connectionId: openai.id } });
    expect(Number(nano.inputPricePerMillion)).toBeGreaterThan(0);
    const after = await callEndpoint("providers.upstreamModels", {
      token: admin,
      params: { teamId, connectionId: openai.id },
    });
    const nanoListed = (after.json as typeof list).models.find((m) => m.id === "gpt-4.1-nano");
    expect(nanoListed?.added).toBe(true);
  });

  it("answers ok: false in plain words when the list cannot be read", async () => {
    const wrong = await connection("vllm", `${mock.url}/nothing-here`);
    const listed = await callEndpoint("providers.upstreamModels", {
      token: admin,
      params: { teamId, connectionId: wrong.id },
    });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({
      ok: false,
      models: [],
      message: expect.stringMatching(/base URL/),
    });
  });
});
