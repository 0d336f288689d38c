/**
 * GET {base}/models (Gemini's models.list): `models[].name` is "models/<id>"; only models that
 * serve generateContent are listed (embedding and other models cannot answer a chat).
 */
import { z } from "zod";
import { commonSettingsSchema, readSettings, trimSlash } from "../shared/settings";
import type { ModelListing, UpstreamModel } from "../types";
import { GEMINI_DEFAULT_BASE_URL } from "./gemini-request";

const positive = z.number().int().positive().optional().catch(undefined);
const listSchema = z.object({
  models: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        inputTokenLimit: positive,
        outputTokenLimit: positive,
        supportedGenerationMethods: z.array(z.string()).optional(),
      }),
    )
    .default([]),
});

export const geminiModelList: ModelListing = {
  request(connection) {
    const settings = readSettings(commonSettingsSchema, connection.settings, connection.name);
    const headers: Record<string, string> = { accept: "application/json" };
    if (connection.apiKey) headers["x-goog-api-key"] = connection.apiKey;
    if (settings.headers) Object.assign(headers, settings.headers);
    const base = trimSlash(connection.baseUrl || GEMINI_DEFAULT_BASE_URL);
    return { url: `${base}/models?pageSize=1000`, method: "GET", headers, body: "" };
  },
  parse: (body) =>
    listSchema
      .parse(body)
      .models.filter(
        (entry) =>
          entry.supportedGenerationMethods === undefined ||
          entry.supportedGenerationMethods.includes("generateContent"),
      )
      .map(
        (entry): UpstreamModel => ({
          id: entry.name.replace(/^models\//, ""),
          ...(entry.inputTokenLimit !== undefined && { contextWindow: entry.inputTokenLimit }),
          ...(entry.outputTokenLimit !== undefined && { maxOutputTokens: entry.outputTokenLimit }),
        }),
      ),
};
