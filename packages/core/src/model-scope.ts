/**
 * Which model a name means for one team. Model names are unique per team and among the
 * instance-shared models, not across the instance, so a name is resolved in this order:
 *
 *   1. the team's own models' names,   2. the team's own models' aliases,
 *   3. the shared models' names,       4. the shared models' aliases
 *
 * (the shared ones only when the instance owner lets the team use them). A shared model whose
 * name the team's own models already take is hidden from the team, so a list of the team's models
 * never holds two entries for one name. The gateway builds one scope per team and snapshot; the
 * management API uses the same rules for its model lists, key scopes and policy validation.
 */

export interface NamedModel {
  name: string;
  aliases: readonly string[];
}

export interface ModelScope<M extends NamedModel> {
  /** Name or alias → model. */
  readonly byName: ReadonlyMap<string, M>;
  /** The team's own models, then the shared ones it sees (those not hidden by its own names). */
  readonly models: readonly M[];
}

export function buildModelScope<M extends NamedModel>(
  own: readonly M[],
  shared: readonly M[],
): ModelScope<M> {
  const byName = new Map<string, M>();
  // Lowest precedence first: each later step overwrites what an earlier one set.
  for (const model of shared) for (const alias of model.aliases) setIfAbsent(byName, alias, model);
  for (const model of shared) byName.set(model.name, model);
  const ownAliases = new Map<string, M>();
  for (const model of own) for (const alias of model.aliases) setIfAbsent(ownAliases, alias, model);
  for (const [alias, model] of ownAliases) byName.set(alias, model);
  for (const model of own) byName.set(model.name, model);
  const models = [...own, ...shared.filter((model) => byName.get(model.name) === model)];
  return { byName, models };
}

function setIfAbsent<M>(map: Map<string, M>, key: string, value: M) {
  if (!map.has(key)) map.set(key, value);
}

export interface PricedModel {
  inputPricePerMillion: number;
  outputPricePerMillion: number;
}

/** The most expensive model (output price, then input price): a team's default cost baseline. */
export function mostExpensiveModel<M extends PricedModel>(models: readonly M[]): M | null {
  let premium: M | null = null;
  for (const model of models) {
    if (
      premium === null ||
      model.outputPricePerMillion > premium.outputPricePerMillion ||
      (model.outputPricePerMillion === premium.outputPricePerMillion &&
        model.inputPricePerMillion > premium.inputPricePerMillion)
    ) {
      premium = model;
    }
  }
  return premium;
}
