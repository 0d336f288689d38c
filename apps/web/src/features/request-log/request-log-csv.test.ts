import { describe, expect, it } from "vitest";
import type { RequestSummary } from "./contract";
import { requestsCsv } from "./request-log-csv";

describe("requestsCsv", () => {
  it("one line per request, the table's columns, quoted where needed, empty for null", () => {
    const row: RequestSummary = {
      id: "req_1",
      createdAt: "2026-12-07T10:00:00.000Z",
      apiKeyId: "key_1",
      keyName: "billing, prod",
      requestedModel: "switchyard/auto",
      routedModel: "demo-small",
      provider: "openai",
      routeReason: "rule:math+cascade:demo-small→demo-large;accepted",
      status: "ok",
      httpStatus: 200,
      inputTokens: 12,
      outputTokens: 34,
      costUsd: "0.000022200000",
      unpriced: false,
      latencyMs: 120,
      ttftMs: null,
      streamed: false,
      cascaded: true,
    };
    const [header, line] = requestsCsv([row]).trim().split("\r\n");
    expect(header?.split(",")).toHaveLength(17);
    expect(line).toBe(
      'req_1,2026-12-07T10:00:00.000Z,"billing, prod",key_1,switchyard/auto,demo-small,openai,rule:math+cascade:demo-small→demo-large;accepted,ok,200,12,34,0.000022200000,120,,false,true',
    );
  });
});
