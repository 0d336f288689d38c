import { startMockLlm } from "@switchyard/mock-llm";
import { pino } from "pino";
import type { CreateGatewayInput } from "../create-gateway";
import {
  MemoryConfigStore,
  MemoryKeyStore,
  MemoryUsageSink,
  makeKey,
  makeModel,
  makeTeam,
} from "./fakes";

/** The demo key of this wiring. */
export const DEMO_KEY = "sk-sy-demo-key";

/**
 * A wiring module for `switchyard-gateway --wiring`: in-memory ports in front of a mock LLM it
 * starts itself. Used by the bin's test and handy for trying the gateway without a database.
 */
export default async function demoWiring(): Promise<
  CreateGatewayInput & { close(): Promise<void> }
> {
  const mock = await startMockLlm({ port: 0 });
  const team = makeTeam({ defaultModel: "demo-small" });
  const keys = new MemoryKeyStore();
  keys.add(DEMO_KEY, makeKey(team));
  return {
    keys,
    config: new MemoryConfigStore({
      models: [makeModel({ name: "demo-small", baseUrl: `${mock.url}/v1` })],
      teams: [team],
      policies: [],
    }),
    usage: new MemoryUsageSink(),
    logger: pino({ level: "warn" }),
    close: () => mock.close(),
  };
}
