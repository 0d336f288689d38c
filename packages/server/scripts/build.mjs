/** Builds the standalone gateway: src/standalone.ts → dist/switchyard-gateway.mjs (plain Node.js). */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleServer } from "./bundle.mjs";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
await bundleServer({
  packageDir,
  entry: path.join(packageDir, "src", "standalone.ts"),
  outfile: path.join(packageDir, "dist", "switchyard-gateway.mjs"),
});
