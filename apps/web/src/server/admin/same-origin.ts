/**
 * Cross-site request forgery: a page elsewhere can make the browser send the console's session
 * cookie with a form post or a `no-cors` fetch (a text/plain body needs no preflight). So a change
 * authenticated by the cookie must come from the console's own pages: `Sec-Fetch-Site:
 * same-origin` (sent by every current browser, and not settable by a page), or, from a browser
 * without it, an `Origin` that is the console's own. Anything else, including neither header, is
 * refused with 403. Reads are not checked (they change nothing, and other origins cannot read the
 * answers); admin-token (Bearer) callers send no cookie and are not concerned.
 */
import { forbidden } from "./errors";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The origins the console is served at: the host the browser asked for (Host, or the
 * X-Forwarded-Host a proxy set; Next.js's request URL says "localhost" whatever the host), over
 * http or https, and NEXTAUTH_URL's when set. A cross-site page can set neither header on a
 * request it makes the browser send.
 */
export function consoleOrigins(request: Request, publicUrl: string | undefined): string[] {
  const hosts = [
    request.headers.get("x-forwarded-host"),
    request.headers.get("host") ?? new URL(request.url).host,
  ].filter((host): host is string => Boolean(host));
  const origins = hosts.flatMap((host) => [`http://${host}`, `https://${host}`]);
  if (publicUrl && URL.canParse(publicUrl)) origins.push(new URL(publicUrl).origin);
  return origins;
}

export function checkSameOrigin(request: Request, origins: readonly string[]): void {
  if (READS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = request.headers.get("origin");
  if (site === null && origin !== null && origins.includes(origin)) return;
  throw forbidden(
    "This change was not sent from the console's own pages, so the session cookie does not count for it. Use the console, or an admin token (Authorization: Bearer) from scripts.",
  );
}
