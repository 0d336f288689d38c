/** GET {base}/v1/models (Anthropic's Models API: `data[].id`, up to 1,000 a page). */
import { z } from "zod";
import { readSettings, trimSlash } from "../shared/settings";
import type { ModelListing } from "../types";
import {
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_VERSION,
  anthropicSettingsSchema,
} from "./anthropic-request";

const listSchema = z.object({ data: z.array(z.looseObject({ id: z.string().min(1) })) });

export const anthropicModelList: ModelListing = {
  request(connection) {
    const settings = readSettings(anthropicSettingsSchema, connection.settings, connection.name);
    const headers: Record<string, string> = {
      accept: "application/json",
      "anthropic-version": settings.anthropicVersion ?? ANTHROPIC_VERSION,
    };
    if (connection.apiKey) headers["x-api-key"] = connection.apiKey;
    if (settings.headers) Object.assign(headers, settings.headers);
    const base = trimSlash(connection.baseUrl || ANTHROPIC_DEFAULT_BASE_URL);
    return { url: `${base}/v1/models?limit=1000`, method: "GET", headers, body: "" };
  },
  parse: (body) => listSchema.parse(body).data.map((entry) => ({ id: entry.id })),
};
