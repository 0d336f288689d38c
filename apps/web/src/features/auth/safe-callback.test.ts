import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it.each([
    ["/keys", "/keys"],
    ["/requests?status=error", "/requests?status=error"],
    [undefined, "/"],
    [["/keys"], "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/login?callbackUrl=/", "/"],
  ])("%o → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
