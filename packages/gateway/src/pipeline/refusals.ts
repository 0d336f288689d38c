import { type ApiKeyInfo, forbidden } from "@switchyard/core";
import type { ConfigState } from "../config/config-state";

/** 403 unless the key's scopes allow the requested model (by name or by one of its aliases). */
export function checkScope(key: ApiKeyInfo, requested: string, config: ConfigState): void {
  if (key.scopes.length === 0 || key.scopes.includes(requested)) return;
  const model = config.modelFor(requested, key.teamId);
  if (
    model !== undefined &&
    (key.scopes.includes(model.name) || model.aliases.some((a) => key.scopes.includes(a)))
  ) {
    return;
  }
  throw forbidden(`This API key may not use the model '${requested}'.`, "model_not_allowed");
}
