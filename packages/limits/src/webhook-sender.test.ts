import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAddressPolicy } from "@switchyard/core/network";
import { afterEach, describe, expect, it } from "vitest";
import type { BudgetAlertEvent } from "./alert-tracker";
import {
  createWebhookSender,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from "./webhook-sender";

const event: BudgetAlertEvent = {
  id: "b:0:80",
  budgetId: "b",
  budgetName: "Monthly",
  scope: "team",
  teamId: "t",
  apiKeyId: undefined,
  periodStart: Date.UTC(2026, 10, 1),
  periodEnd: Date.UTC(2026, 11, 1),
  threshold: 80,
  limitPicos: 10_000_000_000_000,
  spentPicos: 8_000_000_000_001,
  at: Date.UTC(2026, 10, 20),
};

/** The test receivers listen on loopback: allowed here, as an instance's allowlist would. */
const loopback = parseAddressPolicy("127.0.0.1");

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A real HTTP receiver that answers with the given statuses in turn. */
async function receiver(statuses: number[]) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses[received.length - 1] ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe("webhook sender", () => {
  it("posts a signed body and retries server errors", async () => {
    const { url, received } = await receiver([500, 503, 200]);
    const waits: number[] = [];
    const send = createWebhookSender({
      url,
      addressPolicy: loopback,
      secret: "s3cret",
      sleep: async (ms) => void waits.push(ms),
      clock: () => 1_700_000_000_000,
    });
    expect(await send(event)).toBe(true);
    expect(received).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
    const last = received[2]!;
    const timestamp = String(last.headers[TIMESTAMP_HEADER]);
    expect(timestamp).toBe("1700000000");
    expect(last.headers[SIGNATURE_HEADER]).toBe(signWebhook("s3cret", timestamp, last.body));
    expect(
      verifyWebhook("s3cret", timestamp, last.body, String(last.headers[SIGNATURE_HEADER])),
    ).toBe(true);
    expect(
      verifyWebhook("other", timestamp, last.body, String(last.headers[SIGNATURE_HEADER])),
    ).toBe(false);
    expect(JSON.parse(last.body)).toMatchObject({
      type: "budget.threshold_reached",
      threshold: 80,
      limitUsd: "10.000000000000",
      spentUsd: "8.000000000001",
      periodEnd: "2026-12-01T00:00:00.000Z",
      budget: { id: "b", name: "Monthly", scope: "team", teamId: "t", apiKeyId: null },
    });
  });

  it("gives up on a client error and after the last attempt, without throwing", async () => {
    const refused = await receiver([404]);
    const noWait = async () => {};
    expect(
      await createWebhookSender({
        url: refused.url,
        secret: "s",
        sleep: noWait,
        addressPolicy: loopback,
      })(event),
    ).toBe(false);
    expect(refused.received).toHaveLength(1);
    close?.();
    const failing = await receiver([500, 500, 500]);
    const errors: unknown[] = [];
    const send = createWebhookSender({
      url: failing.url,
      addressPolicy: loopback,
      secret: "s",
      attempts: 3,
      sleep: noWait,
      logger: { warn() {}, error: (o) => void errors.push(o) },
    });
    expect(await send(event)).toBe(false);
    expect(failing.received).toHaveLength(3);
    expect(errors).toHaveLength(1);
  });

  it("treats an unreachable receiver as a failed attempt", async () => {
    const send = createWebhookSender({
      url: "http://127.0.0.1:1/hook",
      addressPolicy: loopback,
      secret: "s",
      attempts: 2,
      sleep: async () => {},
    });
    expect(await send(event)).toBe(false);
  });

  it("sends nothing to an internal address the instance does not allow, and does not retry", async () => {
    const { url, received } = await receiver([200]);
    const port = new URL(url).port;
    const warnings: Record<string, unknown>[] = [];
    const waits: number[] = [];
    for (const target of [
      url,
      `http://localhost:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      "http://169.254.169.254/latest/meta-data/",
    ]) {
      const send = createWebhookSender({
        url: target,
        secret: "s",
        sleep: async (ms) => void waits.push(ms),
        logger: { warn: (o) => void warnings.push(o), error() {} },
      });
      expect(await send(event), target).toBe(false);
    }
    expect(received).toHaveLength(0);
    expect(waits).toEqual([]);
    expect(warnings.map((w) => w.reason)).toEqual(["loopback", "loopback", "loopback", "metadata"]);
  });

  it("checks the address a name resolves to when it connects", async () => {
    const { url, received } = await receiver([200]);
    const port = new URL(url).port;
    const byName = `http://localhost:${port}/hook`;
    // Allowed by address and port, reached by name: the resolved address is what is checked.
    const allowed = parseAddressPolicy(`127.0.0.1:${port}`);
    expect(
      await createWebhookSender({ url: byName, secret: "s", addressPolicy: allowed })(event),
    ).toBe(true);
    expect(received).toHaveLength(1);
  });
});
