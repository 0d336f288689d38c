// Mixed traffic for the soak: several teams, both API surfaces, JSON and streams, models that fail
// in each injected way, a team running into its budget, and poison requests. Every answer is
// recorded: which instance, status, the gateway's request id, whether a stream ended properly,
// and the error's shape.
import { randomUUID } from "node:crypto";
import { PRICEY } from "./seed.mjs";

const prompt = (text) => [{ role: "user", content: text }];

/** [weight, name, build(teams)] → { team, path, body, stream, abortMs? } */
const scenarios = [
  [
    38,
    "json",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      body: { model: "good", messages: prompt("Say something short") },
    }),
  ],
  [
    14,
    "stream",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      stream: true,
      body: { model: "good", stream: true, messages: prompt("Stream a sentence") },
    }),
  ],
  [
    5,
    "upstream-500",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      body: { model: "broken", messages: prompt("Fall back please") },
    }),
  ],
  [
    5,
    "upstream-429",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      body: { model: "limited", messages: prompt("Rate limited upstream") },
    }),
  ],
  [
    5,
    "stream-cut",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      stream: true,
      body: { model: "cut", stream: true, messages: prompt("Cut me off") },
    }),
  ],
  [
    8,
    "slow-stream",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      stream: true,
      body: { model: "slow", stream: true, messages: prompt("Take your time") },
    }),
  ],
  [
    2,
    "upstream-hang",
    (t) => ({
      team: t.acme,
      path: "/v1/chat/completions",
      abortMs: 2_000,
      body: { model: "hangs", messages: prompt("Never answers") },
    }),
  ],
  [
    6,
    "anthropic",
    (t) => ({
      team: t.globex,
      path: "/v1/messages",
      body: { model: "good", max_tokens: 64, messages: prompt("Hello Claude") },
    }),
  ],
  [
    6,
    "anthropic-stream",
    (t) => ({
      team: t.globex,
      path: "/v1/messages",
      stream: true,
      body: { model: "good", max_tokens: 64, stream: true, messages: prompt("Stream, Claude") },
    }),
  ],
  [
    11,
    "budget",
    (t) => ({
      team: t.initech,
      path: "/v1/chat/completions",
      budget: true,
      body: { model: "pricey", max_tokens: PRICEY.maxTokens, messages: prompt("Spend my budget") },
    }),
  ],
];
const totalWeight = scenarios.reduce((sum, [weight]) => sum + weight, 0);

function pick() {
  let roll = Math.random() * totalWeight;
  for (const scenario of scenarios) {
    roll -= scenario[0];
    if (roll <= 0) return scenario;
  }
  return scenarios[0];
}

/** How a stream's body ended: its terminal event, an in-band error, or nothing (a silent cut). */
function streamEnding(text, anthropic) {
  if (anthropic) {
    if (text.includes("event: message_stop")) return "complete";
    if (text.includes("event: error")) return "error-event";
    return "silent-cut";
  }
  const frames = text.split("\n\n").filter((frame) => frame.startsWith("data: "));
  const last = frames.at(-1)?.slice(6);
  if (last === "[DONE]") return "complete";
  if (last?.includes('"error"')) return "error-event";
  return "silent-cut";
}

function errorShape(body, anthropic) {
  try {
    const json = JSON.parse(body);
    if (json?.type === "error" && typeof json.error?.type === "string") {
      return { shape: anthropic ? "anthropic" : "wrong(anthropic)", code: json.error.type };
    }
    if (typeof json?.error?.message === "string") {
      return {
        shape: anthropic ? "wrong(openai)" : "openai",
        code: json.error.code ?? json.error.type,
      };
    }
  } catch {}
  return { shape: "other", code: null };
}

/** One request against an instance; resolves with its record (never rejects). */
async function send(instance, scenario, teams) {
  const [, name, build] = scenario;
  const spec = build(teams);
  const anthropic = spec.path === "/v1/messages";
  const clientId = randomUUID();
  const headers = {
    "content-type": "application/json",
    "x-client-request-id": clientId,
    ...(anthropic
      ? { "x-api-key": spec.team.key, "anthropic-version": "2023-06-01" }
      : { authorization: `Bearer ${spec.team.key}` }),
  };
  const record = { scenario: name, instance: instance.name, clientId, budget: !!spec.budget };
  const controller = new AbortController();
  const timer = spec.abortMs ? setTimeout(() => controller.abort(), spec.abortMs) : null;
  try {
    const response = await fetch(`${instance.url}${spec.path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(spec.body),
      signal: controller.signal,
    });
    record.status = response.status;
    record.requestId = response.headers.get("x-request-id");
    const text = await response.text();
    if (response.status === 200 && spec.stream) record.ending = streamEnding(text, anthropic);
    if (response.status >= 400) Object.assign(record, errorShape(text, anthropic));
  } catch (error) {
    const cause = error?.cause?.code ?? error?.name;
    record.status = 0;
    record.failure = controller.signal.aborted ? "client-abort" : String(cause);
  } finally {
    if (timer) clearTimeout(timer);
  }
  return record;
}

/**
 * Run `concurrency` workers until `stop()` is called: each sends a request to the next running
 * instance (a refused connection is tried once on another). Poison requests go out every second.
 */
export function startTraffic({ instances, teams, concurrency }) {
  const records = [];
  let running = true;
  let next = 0;
  let budgetInFlight = 0;
  const live = () => instances.filter((instance) => instance.running);
  const worker = async () => {
    while (running) {
      let scenario = pick();
      if (scenario[1] === "budget" && budgetInFlight >= 4) scenario = scenarios[0];
      const choices = live();
      if (choices.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const instance = choices[next++ % choices.length];
      if (scenario[1] === "budget") budgetInFlight += 1;
      let record = await send(instance, scenario, teams);
      if (record.failure === "ECONNREFUSED" && live().length > 0) {
        records.push({ ...record, retried: true });
        record = await send(live()[0], scenario, teams);
      }
      if (scenario[1] === "budget") budgetInFlight -= 1;
      records.push(record);
    }
  };
  const poison = setInterval(() => {
    const target = live()[0];
    if (!target) return;
    // A model name and a prompt holding NUL bytes: refused or answered, always logged.
    const build = (model, content) => () => ({
      team: teams.acme,
      path: "/v1/chat/completions",
      body: { model, messages: prompt(content) },
    });
    for (const spec of [
      build("x\u0000y", "poison model"),
      build("good", "poison\u0000prompt\ud800"),
    ]) {
      void send(target, [0, "poison", spec], teams).then((record) => records.push(record));
    }
  }, 1_000);
  const workers = Array.from({ length: concurrency }, worker);
  return {
    records,
    async stop() {
      running = false;
      clearInterval(poison);
      await Promise.all(workers);
      // Let the last poison requests answer.
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
  };
}
