#!/usr/bin/env node
// Closed-loop latency probe at one connection: sequential POSTs on one keep-alive socket,
// each timed with performance.now() (µs resolution; autocannon rounds to whole ms).
//   node bench/gateway-c1.mjs --url URL --body JSON --duration S [-H 'name: value']... → JSON on stdout
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    body: { type: "string" },
    duration: { type: "string", default: "5" },
    header: { type: "string", short: "H", multiple: true, default: [] },
  },
});
const url = new URL(values.url);
const body = Buffer.from(values.body);
const headers = { "content-type": "application/json", "content-length": String(body.length) };
for (const line of values.header) {
  const at = line.indexOf(":");
  headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
}
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const once = () =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, agent },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });

const latencies = [];
let errors = 0;
const end = performance.now() + Number(values.duration) * 1000;
while (performance.now() < end) {
  const { ms, status } = await once();
  if (status === 200) latencies.push(ms);
  else errors += 1;
}
agent.destroy();
latencies.sort((a, b) => a - b);
const pct = (q) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((q / 100) * latencies.length) - 1)] ?? null;
console.log(
  JSON.stringify({ requests: latencies.length, errors, p50: pct(50), p90: pct(90), p99: pct(99) }),
);
