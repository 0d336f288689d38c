/**
 * An optimistic check before console pages render: a visitor without a session cookie goes to
 * /login with the page they asked for as callbackUrl, so they land there after signing in. The
 * authoritative check is the console layout's (it verifies the session itself).
 */
import { type NextRequest, NextResponse } from "next/server";

const sessionCookiePrefixes = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies
    .getAll()
    .some((cookie) => sessionCookiePrefixes.some((prefix) => cookie.name.startsWith(prefix)));
}

export function proxy(request: NextRequest): NextResponse {
  if (hasSessionCookie(request)) return NextResponse.next();
  const login = new URL("/login", request.url);
  const { pathname, search } = request.nextUrl;
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

// Keep in step with features/console/nav-items.ts (a test checks it).
export const config = {
  matcher: [
    "/",
    "/keys/:path*",
    "/policies/:path*",
    "/learning/:path*",
    "/budgets/:path*",
    "/spend/:path*",
    "/statement/:path*",
    "/providers/:path*",
    "/requests/:path*",
  ],
};
