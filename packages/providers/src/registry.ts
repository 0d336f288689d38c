import { notFound, PROVIDER_KINDS, type ProviderKind } from "@switchyard/core";
import { anthropicAdapter } from "./anthropic";
import { azureOpenAIAdapter } from "./azure-openai";
import { geminiAdapter } from "./gemini";
import { openaiAdapter } from "./openai";
import { deepseekAdapter } from "./presets/deepseek";
import { fireworksAdapter } from "./presets/fireworks";
import { groqAdapter } from "./presets/groq";
import { mistralAdapter } from "./presets/mistral";
import { mockAdapter } from "./presets/mock";
import { ollamaAdapter } from "./presets/ollama";
import { openrouterAdapter } from "./presets/openrouter";
import { togetherAdapter } from "./presets/together";
import { vllmAdapter } from "./presets/vllm";
import type { ProviderAdapter } from "./types";

/** Every provider kind and its adapter (docs/adding-a-provider.md: a folder, a kind in core, a line here). */
const adapters: Record<ProviderKind, ProviderAdapter> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  "azure-openai": azureOpenAIAdapter,
  groq: groqAdapter,
  together: togetherAdapter,
  mistral: mistralAdapter,
  deepseek: deepseekAdapter,
  fireworks: fireworksAdapter,
  openrouter: openrouterAdapter,
  vllm: vllmAdapter,
  ollama: ollamaAdapter,
  mock: mockAdapter,
};

/** The adapter for a provider kind; throws a typed not-found error for an unknown kind. */
export function getProvider(kind: ProviderKind): ProviderAdapter {
  const adapter = adapters[kind];
  if (!adapter) throw notFound(`No provider adapter for kind "${kind}"`, "provider_not_found");
  return adapter;
}

/** Every provider kind, in core's order (the Record above makes sure each has an adapter). */
export const providerKinds = (): ProviderKind[] => [...PROVIDER_KINDS];
