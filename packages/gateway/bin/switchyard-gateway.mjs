#!/usr/bin/env node
// The standalone gateway process: a plain node:http server serving /v1/* and /api/v1/*.
// Storage comes from a wiring module (the gateway never imports the database):
//
//   switchyard-gateway --wiring ./apps/web/server/gateway-wiring.ts [--port 8080] [--host 127.0.0.1]
//
// The wiring module's default export is an async function returning either CreateGatewayInput
// ({ keys, config, usage, changes?, limits?, logger?, options? }) and optionally `close()`,
// called on shutdown after the gateway has flushed its accounting; or `{ gateway, close() }`, a
// gateway it built itself, whose `close()` closes the gateway too. apps/web/server/gateway-wiring.ts
// is the one that serves a Switchyard database.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { values } = parseArgs({
  options: {
    wiring: { type: "string" },
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
if (!values.wiring) {
  console.error("usage: switchyard-gateway --wiring <module> [--port 8080] [--host 127.0.0.1]");
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer 0-65535, got ${values.port}`);
  process.exit(2);
}

const { createGateway, startGatewayServer } = await import("../src/index.ts");
const wiring = await import(pathToFileURL(resolve(values.wiring)).href);
if (typeof wiring.default !== "function") {
  console.error(
    `${values.wiring} must default-export an async function returning the gateway's ports`,
  );
  process.exit(2);
}
let input;
try {
  input = await wiring.default();
} catch (error) {
  console.error(`switchyard-gateway: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const built = typeof input.gateway?.handleNode === "function";
const gateway = built ? input.gateway : await createGateway(input);
const server = await startGatewayServer({ gateway, port, host: values.host });
console.log(`switchyard-gateway listening on ${server.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  if (!built) await gateway.close();
  if (typeof input.close === "function") await input.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
