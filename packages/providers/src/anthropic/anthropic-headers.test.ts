import { describe, expect, it } from "vitest";
import { testModel } from "../testing/fixtures";
import { anthropicAdapter } from "./index";

const request = { model: "m", messages: [{ role: "user" as const, content: "hi" }] };

describe("Anthropic headers from the caller", () => {
  it("forwards anthropic-beta beside the model's betas, and anthropic-version unless pinned", () => {
    const model = testModel({
      providerKind: "anthropic",
      settings: { betas: ["context-1m-2025-08-07"] },
    });
    const upstream = anthropicAdapter.buildRequest(model, request, {
      stream: false,
      clientHeaders: {
        "anthropic-beta": "interleaved-thinking-2025-05-14, context-1m-2025-08-07",
        "anthropic-version": "2023-06-01",
        authorization: "Bearer sk-sy-caller-key",
      },
    });
    expect(upstream.headers["anthropic-beta"]).toBe(
      "context-1m-2025-08-07,interleaved-thinking-2025-05-14",
    );
    expect(upstream.headers["anthropic-version"]).toBe("2023-06-01");
    // The caller's own credential never goes upstream.
    expect(JSON.stringify(upstream.headers)).not.toContain("sk-sy-caller-key");
    const pinned = anthropicAdapter.buildRequest(
      testModel({ providerKind: "anthropic", settings: { anthropicVersion: "2024-01-01" } }),
      request,
      { stream: false, clientHeaders: { "anthropic-version": "2023-06-01" } },
    );
    expect(pinned.headers["anthropic-version"]).toBe("2024-01-01");
    expect(pinned.headers["anthropic-beta"]).toBeUndefined();
  });
});
