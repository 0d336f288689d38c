/**
 * POST {base}/models/{model}:batchEmbedContents (Gemini's embeddings: one request per input,
 * `outputDimensionality` for shorter vectors). Gemini reports no token count: the gateway
 * estimates it.
 */
import { SwitchyardError } from "@switchyard/core";
import { z } from "zod";
import { commonSettingsSchema, readSettings, trimSlash } from "../shared/settings";
import type { EmbeddingsAdapter } from "../types";
import { GEMINI_DEFAULT_BASE_URL } from "./gemini-request";

const responseSchema = z.object({ embeddings: z.array(z.object({ values: z.array(z.number()) })) });

export const geminiEmbeddings: EmbeddingsAdapter = {
  buildRequest(model, request) {
    const settings = readSettings(commonSettingsSchema, model.settings, model.name);
    const name = model.upstreamName.replace(/^models\//, "");
    const base = trimSlash(model.baseUrl || GEMINI_DEFAULT_BASE_URL);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
    };
    if (model.apiKey) headers["x-goog-api-key"] = model.apiKey;
    if (settings.headers) Object.assign(headers, settings.headers);
    const requests = request.input.map((input) => {
      if (typeof input !== "string") {
        throw new SwitchyardError(
          "Gemini embeds text only: send the inputs as strings, not tokens.",
          {
            status: 400,
            code: "unsupported_input",
            type: "invalid_request_error",
            param: "input",
          },
        );
      }
      return {
        model: `models/${name}`,
        content: { parts: [{ text: input }] },
        ...(request.dimensions !== undefined && { outputDimensionality: request.dimensions }),
      };
    });
    return {
      url: `${base}/models/${encodeURIComponent(name)}:batchEmbedContents`,
      method: "POST",
      headers,
      body: JSON.stringify({ requests }),
    };
  },
  parseResponse(_model, body, inputs) {
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success || parsed.data.embeddings.length !== inputs) {
      throw new SwitchyardError(
        "Gemini returned an embeddings response that is not one vector per input.",
        {
          status: 502,
          code: "bad_upstream_response",
          type: "api_error",
        },
      );
    }
    return { vectors: parsed.data.embeddings.map((e) => e.values), inputTokens: null, model: null };
  },
};
