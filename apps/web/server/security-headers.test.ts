import { describe, expect, it } from "vitest";
import nextConfig, { securityHeaders } from "../next.config";

const byName = (headers: { key: string; value: string }[]) =>
  new Map(headers.map((header) => [header.key.toLowerCase(), header.value]));

describe("the console's security headers", () => {
  it("forbid framing and sniffing, keep URLs on the site, and allow only the console's own scripts", () => {
    const headers = byName(securityHeaders(false));
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("same-origin");
    const csp = headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(byName(securityHeaders(true)).get("content-security-policy")).toContain("unsafe-eval");
  });

  it("are sent on every path Next.js serves", async () => {
    const rules = (await nextConfig("phase-production-server").headers?.()) ?? [];
    expect(rules).toEqual([{ source: "/:path*", headers: securityHeaders(false) }]);
  });
});
