import { type ProviderKind, SwitchyardError } from "@switchyard/core";
import catalogJson from "./catalog.json" with { type: "json" };
import {
  type Catalog,
  type CatalogModel,
  type CatalogProvider,
  catalogSchema,
} from "./catalog-schema";

export type { Catalog, CatalogModel, CatalogProvider } from "./catalog-schema";
export { catalogSchema } from "./catalog-schema";

/**
 * The model and price catalog (catalog.json beside this file), validated at load. Edit the JSON
 * to update prices or add models; `parseCatalog` validates a replacement loaded from elsewhere.
 */
export function parseCatalog(value: unknown): Catalog {
  const result = catalogSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new SwitchyardError(
    `Invalid model catalog at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? ""}`,
    { status: 500, code: "invalid_catalog", type: "api_error", cause: result.error },
  );
}

let cached: Catalog | null = null;

export function loadCatalog(): Catalog {
  cached ??= parseCatalog(catalogJson);
  return cached;
}

export function catalogProvider(
  kind: ProviderKind,
  catalog: Catalog = loadCatalog(),
): CatalogProvider | null {
  return catalog.providers[kind] ?? null;
}

/** The catalog's models of one provider (empty for self-hosted kinds); upstreamName filled in. */
export function catalogModelsFor(
  kind: ProviderKind,
  catalog: Catalog = loadCatalog(),
): (CatalogModel & { upstreamName: string })[] {
  return (catalog.providers[kind]?.models ?? []).map((model) => ({
    ...model,
    upstreamName: model.upstreamName ?? model.name,
  }));
}

/**
 * A catalog model's token-class prices as decimal strings for the models table (null: not
 * listed, the default rule applies).
 */
export function catalogClassPrices(model: CatalogModel) {
  const decimal = (value: number | undefined) => (value === undefined ? null : value.toString());
  return {
    cachedInputPricePerMillion: decimal(model.cachedInputPricePerMillion),
    cacheWrite5mPricePerMillion: decimal(model.cacheWrite5mPricePerMillion),
    cacheWrite1hPricePerMillion: decimal(model.cacheWrite1hPricePerMillion),
    reasoningPricePerMillion: decimal(model.reasoningPricePerMillion),
  };
}

/** Every catalog model with its provider kind. */
export function allCatalogModels(catalog: Catalog = loadCatalog()) {
  return (Object.keys(catalog.providers) as ProviderKind[]).flatMap((kind) =>
    catalogModelsFor(kind, catalog).map((model) => ({ kind, ...model })),
  );
}
