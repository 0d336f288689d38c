import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "../src/features/auth/server/client-address";
import { createDispatcher, destinationFor, pathOf } from "./dispatch";

describe("destinationFor", () => {
  it.each([
    ["/v1", "gateway"],
    ["/v1/chat/completions", "gateway"],
    ["/v1/messages?beta=true", "gateway"],
    ["/api/v1", "gateway"],
    ["/api/v1/models", "gateway"],
    ["/", "next"],
    ["/login", "next"],
    ["/api/auth/session", "next"],
    ["/metrics", "ops"],
    ["/health", "ops"],
    ["/ready?verbose=1", "ops"],
    ["/v10/chat", "next"],
    ["/v1x", "next"],
    ["/api/v1beta/models", "next"],
    ["/_next/static/chunk.js", "next"],
    ["/metrics?name=x", "ops"],
    ["/metrics/extra", "next"],
    [undefined, "next"],
  ])("%s → %s", (target, expected) => {
    expect(destinationFor(target)).toBe(expected);
  });
});

describe("pathOf", () => {
  it("strips the query and fragment", () => {
    expect(pathOf("/v1/models?limit=2#x")).toBe("/v1/models");
    expect(pathOf("v1/models")).toBe("/v1/models");
  });
});

describe("createDispatcher over a real node:http server", () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("sends API paths to the gateway, /metrics to the registry and the rest to Next.js", async () => {
    server = createServer(
      createDispatcher({
        gateway: (request, response) => response.end(`gateway ${request.method} ${request.url}`),
        ops: {
          "/metrics": (request, response) =>
            response.end(`metrics ${request.method} ${request.url}`),
          "/ready": (request, response) => response.end(`ready ${request.method} ${request.url}`),
        },
        next: (request, response) => response.end(`next ${request.method} ${request.url}`),
      }),
    );
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const get = async (target: string, init?: RequestInit) =>
      (await fetch(`http://127.0.0.1:${port}${target}`, init)).text();

    expect(await get("/v1/chat/completions", { method: "POST", body: "{}" })).toBe(
      "gateway POST /v1/chat/completions",
    );
    // The gateway itself serves /api/v1/* as /v1/*: the target reaches it unchanged.
    expect(await get("/api/v1/models?x=1")).toBe("gateway GET /api/v1/models?x=1");
    expect(await get("/metrics")).toBe("metrics GET /metrics");
    expect(await get("/ready")).toBe("ready GET /ready");
    expect(await get("/login")).toBe("next GET /login");
    expect(await get("/api/auth/csrf")).toBe("next GET /api/auth/csrf");
  });

  it("tells Next.js the client's real address, whatever the client claims", async () => {
    server = createServer(
      createDispatcher({
        gateway: (_request, response) => response.end("gateway"),
        ops: {},
        next: (request, response) => response.end(String(request.headers[PEER_ADDRESS_HEADER])),
      }),
    );
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { [PEER_ADDRESS_HEADER]: "203.0.113.9" },
    });
    expect(await response.text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
