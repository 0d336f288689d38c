/**
 * GET {base}/models: OpenAI's list, which every OpenAI-compatible server also serves (vLLM adds
 * `max_model_len`, OpenRouter and Together `context_length`; Ollama lists its pulled models).
 */
import { z } from "zod";
import type { ModelListing, UpstreamModel } from "../types";
import type { OpenAICompatibleOptions } from "./openai-quirks";
import { openAICompatibleBase, openAICompatibleHeaders } from "./openai-request";

const positive = z.number().int().positive().optional().catch(undefined);
const listSchema = z.object({
  data: z.array(
    z.looseObject({
      id: z.string().min(1),
      max_model_len: positive,
      context_length: positive,
    }),
  ),
});

export function openAICompatibleModelList(options: OpenAICompatibleOptions): ModelListing {
  return {
    request: (connection) => ({
      url: `${openAICompatibleBase(options, connection)}/models`,
      method: "GET",
      headers: { ...openAICompatibleHeaders(options, connection), accept: "application/json" },
      body: "",
    }),
    parse: (body) =>
      listSchema.parse(body).data.map((entry): UpstreamModel => {
        const contextWindow = entry.max_model_len ?? entry.context_length;
        return { id: entry.id, ...(contextWindow !== undefined && { contextWindow }) };
      }),
  };
}
