#!/usr/bin/env node
// The standalone gateway (see src/standalone.ts); `pnpm build` writes the bundle it runs.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/switchyard-gateway.mjs", import.meta.url);
if (!existsSync(bundle)) {
  console.error("switchyard-gateway: not built yet; run `pnpm build` first.");
  process.exit(2);
}
await import(bundle.href);
