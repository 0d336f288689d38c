import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { navItems } from "./features/console/nav-items";
import { config, proxy } from "./proxy";

const request = (path: string, cookie?: string) =>
  new NextRequest(`http://127.0.0.1:3000${path}`, cookie ? { headers: { cookie } } : undefined);

describe("proxy", () => {
  it("sends a visitor without a session to /login with the page as callbackUrl", () => {
    const response = proxy(request("/keys?page=2"));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/keys?page=2");
  });

  it("needs no callbackUrl for the overview", () => {
    const location = new URL(proxy(request("/")).headers.get("location") ?? "");
    expect(location.pathname).toBe("/login");
    expect(location.search).toBe("");
  });

  it.each([
    "next-auth.session-token=abc",
    "__Secure-next-auth.session-token=abc",
    "next-auth.session-token.0=abc; next-auth.session-token.1=def",
  ])("lets a request with a session cookie through (%s)", (cookie) => {
    const response = proxy(request("/keys", cookie));
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("covers every console section", () => {
    for (const item of navItems) {
      expect(config.matcher).toContain(item.href === "/" ? "/" : `${item.href}/:path*`);
    }
  });
});
