/** Builds the production server: server/main.ts → dist/server.mjs (plain Node.js). */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleServer } from "@switchyard/server/bundle";

const appDir = fileURLToPath(new URL("..", import.meta.url));
await bundleServer({
  packageDir: appDir,
  entry: path.join(appDir, "server", "main.ts"),
  outfile: path.join(appDir, "dist", "server.mjs"),
});
