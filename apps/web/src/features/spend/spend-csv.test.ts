import { describe, expect, it } from "vitest";
import { spendCsv } from "./spend-csv";

describe("spendCsv", () => {
  it("writes one line per row with the page's numbers, quoting what needs it", () => {
    const csv = spendCsv("key", [
      {
        group: "key_1",
        label: 'billing, "prod"',
        requests: 3,
        errors: 1,
        inputTokens: 300,
        outputTokens: 30,
        costUsd: "0.030000000000",
        baselineCostUsd: "0.300000000000",
      },
    ]);
    expect(csv).toBe(
      'key,id,requests,errors,input_tokens,output_tokens,cost_usd,baseline_cost_usd\r\n"billing, ""prod""",key_1,3,1,300,30,0.030000000000,0.300000000000\r\n',
    );
  });
});
