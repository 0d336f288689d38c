/** Rows → @switchyard/core domain types. JSON columns are checked with zod on the way out. */
import type { Capability, ProviderKind, TeamInfo } from "@switchyard/core";
import { z } from "zod";
import type { Team } from "../generated/client";

/** Every core ProviderKind (a Record so a kind added to core must be added here too). */
const PROVIDER_KINDS: Record<ProviderKind, true> = {
  openai: true,
  anthropic: true,
  gemini: true,
  "azure-openai": true,
  groq: true,
  together: true,
  mistral: true,
  deepseek: true,
  fireworks: true,
  openrouter: true,
  vllm: true,
  ollama: true,
  mock: true,
};

const CAPABILITIES: Record<Capability, true> = {
  tools: true,
  vision: true,
  json: true,
  json_schema: true,
  streaming: true,
};

export const isProviderKind = (kind: string): kind is ProviderKind =>
  Object.hasOwn(PROVIDER_KINDS, kind);

export const toCapabilities = (values: readonly string[]): Capability[] =>
  values.filter((value): value is Capability => Object.hasOwn(CAPABILITIES, value));

const settingsSchema = z.record(z.string(), z.unknown());

/** A settings JSON column as an object; anything else (null, arrays, scalars) becomes {}. */
export function toSettings(value: unknown): Record<string, unknown> {
  const parsed = settingsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export function toTeamInfo(team: Team): TeamInfo {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    defaultModel: team.defaultModel,
    contentLogging: team.contentLogging,
    failMode: team.failMode,
    timeZone: team.timeZone,
  };
}
