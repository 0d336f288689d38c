import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

/** Something internal on loopback (a Redis, say) that must never hear from the gateway. */
let internal: Server;
let internalPort: number;
let connections = 0;

let h: Harness;
beforeAll(async () => {
  internal = createServer((socket) => {
    connections += 1;
    socket.end("-ERR internal secret 0xfeedface\r\n");
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalPort = (internal.address() as { port: number }).port;
  // Only the harness's own mock LLM is allowed (as the demo allows only its mock).
  h = await startHarness({ options: { allowedPrivateHosts: [], connectTimeoutMs: 500 } });
  h.config.snapshot.models.push(
    makeModel({ name: "metadata", baseUrl: "http://169.254.169.254/v1" }),
    makeModel({
      name: "metadata-with-fallback",
      baseUrl: "http://169.254.169.254/v1",
      settings: { fallbacks: ["small"] },
    }),
    makeModel({ name: "redis", baseUrl: `http://127.0.0.1:${internalPort}/v1` }),
    makeModel({ name: "mapped", baseUrl: `http://[::ffff:127.0.0.1]:${internalPort}/v1` }),
    // A name that resolves to loopback: refused at connect time, on the resolved address.
    makeModel({ name: "by-name", baseUrl: `http://localhost:${internalPort}/v1` }),
  );
  await h.gateway.reload();
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => internal.close(resolve));
});

const chat = (model: string, id: string) =>
  h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content: "hi" }] },
    headers: { "x-request-id": id },
  });

describe("upstream addresses", () => {
  it("refuses internal upstreams with a clear error that tells nothing about them", async () => {
    for (const model of ["redis", "mapped", "by-name", "metadata"]) {
      const response = await chat(model, `denied-${model}`);
      const text = await response.text();
      expect(response.status, model).toBe(502);
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("upstream_address_denied");
      expect(body.error.message).toBe(
        `The provider of '${model}' is at an address this gateway may not connect to (private, loopback, link-local or metadata). An administrator can allow it with SWITCHYARD_ALLOWED_PRIVATE_HOSTS.`,
      );
      expect(text).not.toContain("0xfeedface");
      expect(text).not.toContain("127.0.0.1");
      expect(text).not.toContain("169.254");
    }
    expect(connections).toBe(0);
  });

  it("does not retry a refused upstream; the fallback answers at once", async () => {
    const response = await chat("metadata-with-fallback", "denied-fallback");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "denied-fallback"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "denied-fallback");
    expect(
      ((entry?.attempts ?? []) as { model: string; error: string | null }[]).map((a) => [
        a.model,
        a.error,
      ]),
    ).toEqual([
      ["metadata-with-fallback", "upstream_address_denied"],
      ["small", null],
    ]);
  });

  it("still reaches the allowed mock LLM on loopback", async () => {
    expect((await chat("small", "allowed-mock")).status).toBe(200);
  });
});
