import { CAPABILITIES, PROVIDER_KINDS } from "@switchyard/core";
import { z } from "zod";

export const catalogModelSchema = z
  .object({
    /** Public name, as callers use it. */
    name: z.string().min(1),
    /** Provider's own id; defaults to `name`. */
    upstreamName: z.string().min(1).optional(),
    inputPricePerMillion: z.number().nonnegative(),
    outputPricePerMillion: z.number().nonnegative(),
    /**
     * Token-class prices, where the provider lists them per model (absent: @switchyard/core's
     * pricing.ts default: Anthropic's documented multipliers, else the input/output price).
     */
    cachedInputPricePerMillion: z.number().nonnegative().optional(),
    cacheWrite5mPricePerMillion: z.number().nonnegative().optional(),
    cacheWrite1hPricePerMillion: z.number().nonnegative().optional(),
    reasoningPricePerMillion: z.number().nonnegative().optional(),
    contextWindow: z.number().int().positive(),
    /** null: the provider documents no separate output limit. */
    maxOutputTokens: z.number().int().positive().nullable(),
    capabilities: z.array(z.enum(CAPABILITIES)),
    notes: z.string().optional(),
  })
  .strict()
  .refine(
    (model) => model.maxOutputTokens === null || model.maxOutputTokens <= model.contextWindow,
    {
      message: "maxOutputTokens exceeds contextWindow",
      path: ["maxOutputTokens"],
    },
  );

export const catalogProviderSchema = z
  .object({
    displayName: z.string().min(1),
    defaultBaseUrl: z.url(),
    models: z.array(catalogModelSchema),
    notes: z.string().optional(),
  })
  .strict()
  .refine(
    (provider) => new Set(provider.models.map((m) => m.name)).size === provider.models.length,
    {
      message: "duplicate model name",
      path: ["models"],
    },
  );

export const catalogSchema = z
  .object({
    version: z.literal(1),
    pricesAsOf: z.iso.date(),
    currency: z.literal("USD"),
    priceUnit: z.literal("per million tokens"),
    note: z.string().optional(),
    providers: z.partialRecord(z.enum(PROVIDER_KINDS), catalogProviderSchema),
  })
  .strict();

export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type CatalogProvider = z.infer<typeof catalogProviderSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
