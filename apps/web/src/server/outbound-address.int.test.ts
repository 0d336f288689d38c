import { TEST_ENCRYPTION_KEY } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminTestDatabase,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
} from "@/server/admin/testing";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
// This instance lets teams use a private vLLM network, and nothing else internal.
process.env.SWITCHYARD_ALLOWED_PRIVATE_HOSTS = "10.20.0.0/16";

const db = adminTestDatabase();
let teamId: string;
let admin: string;
let owner: string;

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Outbound" });
  teamId = team.teamId;
  [admin] = team.tokens;
  owner = (await createTokenUser(db.prisma, { isOwner: true })).token;
}, 60_000);

type Refusal = { error: { code: string; message: string; issues?: { path: string }[] } };

const internalUrls = [
  ["http://169.254.169.254/latest/meta-data", "a cloud metadata address"],
  ["http://127.0.0.1:6379", "a loopback address"],
  ["http://[::ffff:127.0.0.1]:6379/v1", "a loopback address"],
  ["http://localhost:6379/v1", "a loopback address"],
  ["http://10.0.0.5/v1", "a private address"],
  ["http://[fe80::1]/v1", "a link-local address"],
  ["http://100.64.1.1/v1", "a carrier-grade NAT address"],
  ["http://0.0.0.0:8080/v1", "an unspecified address"],
] as const;

function expectRefused(response: { status: number; json: unknown }, field: string, kind: string) {
  expect(response.status).toBe(400);
  const body = response.json as Refusal;
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.message).toContain(`${field}:`);
  expect(body.error.message).toContain(kind);
  expect(body.error.message).toContain("SWITCHYARD_ALLOWED_PRIVATE_HOSTS");
  expect(body.error.issues?.map((issue) => issue.path)).toEqual([field]);
}

describe("provider base URLs", () => {
  const createIn = (baseUrl: string | undefined, kind = "openai") =>
    callEndpoint("providers.create", {
      token: admin,
      params: { teamId },
      body: { kind, name: `c ${Math.random()}`, ...(baseUrl ? { baseUrl } : {}) },
    });

  it("refuses internal addresses the instance does not allow, saving nothing", async () => {
    for (const [url, kind] of internalUrls) {
      expectRefused(await createIn(url), "body.baseUrl", kind);
    }
    // A kind whose default base URL is internal (Ollama on localhost) is refused the same way.
    expectRefused(await createIn(undefined, "ollama"), "body.baseUrl", "a loopback address");
    expect(await db.prisma.providerConnection.count({ where: { teamId } })).toBe(0);
  });

  it("allows what the allowlist names, and refuses a change to an internal address", async () => {
    const created = await createIn("http://10.20.3.4:8000/v1", "vllm");
    expect(created.status).toBe(201);
    const id = (created.json as { connection: { id: string } }).connection.id;
    const moved = await callEndpoint("providers.update", {
      token: admin,
      params: { teamId, connectionId: id },
      body: { baseUrl: "http://169.254.169.254/v1" },
    });
    expectRefused(moved, "body.baseUrl", "a cloud metadata address");
    const row = await db.prisma.providerConnection.findUniqueOrThrow({ where: { id } });
    expect(row.baseUrl).toBe("http://10.20.3.4:8000/v1");
  });

  it("holds for the instance owner's shared connections too", async () => {
    const shared = await callEndpoint("sharedProviders.create", {
      token: owner,
      body: { kind: "openai", name: "Shared internal", baseUrl: "http://192.168.1.10/v1" },
    });
    expectRefused(shared, "body.baseUrl", "a private address");
  });
});

describe("budget webhook URLs", () => {
  it("refuses internal addresses on create and update", async () => {
    const create = (webhookUrl: string) =>
      callEndpoint("budgets.create", {
        token: admin,
        params: { teamId },
        body: { period: "month", limitUsd: "10", webhookUrl },
      });
    for (const [url, kind] of internalUrls) {
      expectRefused(await create(url), "body.webhookUrl", kind);
    }
    const created = await create("https://hooks.example.test/budget");
    expect(created.status).toBe(201);
    const id = (created.json as { budget: { id: string } }).budget.id;
    const moved = await callEndpoint("budgets.update", {
      token: admin,
      params: { teamId, budgetId: id },
      body: { webhookUrl: "http://127.0.0.1:6379/" },
    });
    expectRefused(moved, "body.webhookUrl", "a loopback address");
    const row = await db.prisma.budget.findUniqueOrThrow({ where: { id } });
    expect(row.webhookUrl).toBe("https://hooks.example.test/budget");
  });
});
