import type { ApiKeyInfo } from "@switchyard/core";
import { AUTO_MODEL, type ConfigState } from "../config/config-state";

interface ModelEntry {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

/**
 * What a key may call, in OpenAI's list shape: real models and their aliases, `switchyard/auto`
 * and one entry per published policy alias of the team, filtered by the key's scopes.
 */
export function listModels(
  key: ApiKeyInfo,
  config: ConfigState,
): { object: "list"; data: ModelEntry[] } {
  const allowed = (name: string) => key.scopes.length === 0 || key.scopes.includes(name);
  const seen = new Set<string>();
  const data: ModelEntry[] = [];
  const add = (id: string, ownedBy: string) => {
    if (seen.has(id) || !allowed(id)) return;
    seen.add(id);
    data.push({ id, object: "model", created: 0, owned_by: ownedBy });
  };
  for (const model of config.modelsForTeam(key.teamId)) {
    const scopedIn =
      key.scopes.length === 0 || [model.name, ...model.aliases].some((n) => key.scopes.includes(n));
    if (!scopedIn) continue;
    seen.add(model.name);
    data.push({ id: model.name, object: "model", created: 0, owned_by: model.providerKind });
    for (const alias of model.aliases) {
      if (config.modelFor(alias, key.teamId)?.id !== model.id || seen.has(alias)) continue;
      seen.add(alias);
      data.push({ id: alias, object: "model", created: 0, owned_by: model.providerKind });
    }
  }
  add(AUTO_MODEL, "switchyard");
  for (const policy of config.policiesByTeam.get(key.teamId)?.values() ?? [])
    add(policy.alias, "switchyard");
  return { object: "list", data };
}

export type { ModelEntry };
