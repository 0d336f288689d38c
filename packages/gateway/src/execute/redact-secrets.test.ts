import { classifyUpstreamError } from "@switchyard/providers";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { redactSecrets, requestSecrets } from "./redact-secrets";
import { logUpstreamReport } from "./upstream-report-log";

const upstream = {
  url: "https://generativelanguage.example/v1beta/models/m:generateContent?key=AIzaQUERYSECRET0123456789&alt=sse",
  method: "POST" as const,
  headers: {
    "content-type": "application/json",
    authorization: "Bearer team-credential-0123",
    "anthropic-version": "2023-06-01",
  },
  body: "{}",
};

describe("redactSecrets", () => {
  it("finds the request's credentials: secret headers, their token, query values", () => {
    expect(requestSecrets(upstream)).toEqual(
      expect.arrayContaining([
        "Bearer team-credential-0123",
        "team-credential-0123",
        "AIzaQUERYSECRET0123456789",
      ]),
    );
    expect(requestSecrets(upstream)).not.toContain("2023-06-01");
  });

  it("replaces them and anything shaped like a credential, keeping the other words", () => {
    const text =
      "bad key team-credential-0123; header was Authorization: Bearer abc.def; also sk-proj-abcdefgh123 and https://x/?key=zzz";
    const redacted = redactSecrets(text, requestSecrets(upstream));
    expect(redacted).toBe(
      "bad key [redacted]; header was Authorization: Bearer [redacted]; also [redacted] and https://x/?key=[redacted]",
    );
  });
});

describe("logUpstreamReport", () => {
  const capture = (level: string) => {
    const lines: string[] = [];
    const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
    return { logger, lines };
  };
  const failure = classifyUpstreamError(
    "OpenAI",
    400,
    {},
    { message: "you sent Bearer team-credential-0123 and it is wrong", code: "bad" },
  );
  const model = makeModel({ name: "m", baseUrl: "https://x/v1", apiKey: "team-credential-0123" });

  it("logs the upstream's words at debug level, redacted", () => {
    const { logger, lines } = capture("debug");
    logUpstreamReport(logger, failure, model, upstream);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("team-credential-0123");
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      level: 20,
      model: "m",
      status: 400,
      code: "bad",
      upstreamMessage: "you sent [redacted] and it is wrong",
    });
  });

  it("logs nothing above debug level", () => {
    const { logger, lines } = capture("info");
    logUpstreamReport(logger, failure, model, upstream);
    expect(lines).toHaveLength(0);
  });
});
