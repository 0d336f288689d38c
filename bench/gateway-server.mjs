#!/usr/bin/env node
// The gateway as the benchmark runs it: its own process, in-memory port fakes, real key cache,
// routing, upstream execution, accounting queue (to a sink that discards) and pino logging (to
// /dev/null). Prints "ready <url>" once listening.
//   node bench/gateway-server.mjs --upstream http://127.0.0.1:4010 --key sk-bench [--port 0]
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { values } = parseArgs({
  options: {
    upstream: { type: "string" },
    key: { type: "string", default: "sk-bench-key" },
    port: { type: "string", default: "0" },
  },
});
if (!values.upstream) throw new Error("--upstream URL required");

const { pino } = await import("pino");
const { createGateway, startGatewayServer } = await import("@switchyard/gateway");
const {
  MemoryChangeFeed,
  MemoryConfigStore,
  MemoryKeyStore,
  makeKey,
  makeModel,
  makeTeam,
  nullUsageSink,
} = await import("@switchyard/gateway/testing");

const team = makeTeam({ defaultModel: "bench" });
const keys = new MemoryKeyStore();
keys.add(values.key, makeKey(team));
const config = new MemoryConfigStore({
  models: [
    makeModel({
      name: "bench",
      baseUrl: `${values.upstream}/v1`,
      inputPricePerMillion: 0.15,
      outputPricePerMillion: 0.6,
    }),
    makeModel({
      name: "premium",
      baseUrl: `${values.upstream}/v1`,
      inputPricePerMillion: 5,
      outputPricePerMillion: 15,
    }),
  ],
  teams: [team],
  policies: [],
});
const logger = pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: false }));
const gateway = await createGateway({
  keys,
  config,
  usage: nullUsageSink,
  changes: new MemoryChangeFeed(),
  logger,
});
const server = await startGatewayServer({ gateway, port: Number(values.port) });
console.log(`ready ${server.url}`);

const stop = async () => {
  await server.close();
  await gateway.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
