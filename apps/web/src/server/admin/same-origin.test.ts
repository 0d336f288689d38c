import { describe, expect, it } from "vitest";
import { checkSameOrigin, consoleOrigins } from "./same-origin";

const request = (headers: Record<string, string>, method = "POST") =>
  new Request("http://localhost:3000/api/admin/teams", { method, headers });

const allowed = (headers: Record<string, string>, method = "POST", publicUrl?: string) => {
  const r = request(headers, method);
  try {
    checkSameOrigin(r, consoleOrigins(r, publicUrl));
    return true;
  } catch {
    return false;
  }
};

describe("checkSameOrigin", () => {
  it("lets reads through, and writes from the console's own pages", () => {
    expect(allowed({}, "GET")).toBe(true);
    expect(allowed({ "sec-fetch-site": "same-origin" })).toBe(true);
    expect(allowed({ host: "console.example:8080", origin: "http://console.example:8080" })).toBe(
      true,
    );
    expect(allowed({ origin: "https://public.example" }, "PATCH", "https://public.example/x")).toBe(
      true,
    );
  });

  it("refuses writes from elsewhere, or that say nothing of where they come from", () => {
    expect(allowed({})).toBe(false);
    expect(allowed({ "sec-fetch-site": "same-site", origin: "http://localhost:3000" })).toBe(false);
    expect(allowed({ "sec-fetch-site": "cross-site" })).toBe(false);
    expect(allowed({ host: "console.example", origin: "http://evil.example" }, "DELETE")).toBe(
      false,
    );
    expect(allowed({ origin: "null" })).toBe(false);
  });
});
