/**
 * What the gateway's learning loop did, read off its request log: per request the model that
 * served it and what every call cost (served, candidates, judge), and the predicted qualities the
 * artefact its route trace names gives it (replayed in-process, for the threshold sweeps and the
 * agreement check against what the gateway routed).
 */
import type { MemoryUsageSink } from "@switchyard/gateway/testing";
import { parseLearnedRouter, promptOf, requestTags } from "@switchyard/router";
import {
  chooseByRelativeQuality,
  loadLearnedModel,
  priorQualities,
} from "@switchyard/router/training";
import { recordCosts } from "../../src/learn/learn-records";
import type { LoopRequest } from "../../src/learn/learning-loop";
import type { GatewayLoopInput, GatewayLoopResult } from "./learn-gateway";

const usd = (value: string | number | null | undefined) => Number(value ?? 0);

export function summariseGatewayLoop(
  input: GatewayLoopInput,
  usage: MemoryUsageSink,
  trained: ReadonlyMap<string, unknown>,
  outcomeCount: number,
  fits: GatewayLoopResult["fits"],
  paused: number,
): GatewayLoopResult {
  const { records, models, prices } = input;
  const k = models.length;
  const artefacts = new Map(
    [...trained].map(([id, raw]) => {
      const artefact = parseLearnedRouter(raw);
      return [id, { model: loadLearnedModel(artefact), models: artefact.models }] as const;
    }),
  );
  const byClientId = new Map(usage.entries.map((entry) => [entry.clientRequestId, entry]));
  const calibration = new Map<string, { usd: number; judgeUsd: number }>();
  for (const entry of usage.entries) {
    if (!entry.routeReason?.startsWith("calibration") || entry.clientRequestId === null) continue;
    const spent = calibration.get(entry.clientRequestId) ?? { usd: 0, judgeUsd: 0 };
    spent.usd += usd(entry.costUsd);
    if (entry.routeReason === "calibration-judge") spent.judgeUsd += usd(entry.costUsd);
    calibration.set(entry.clientRequestId, spent);
  }
  let agreed = 0;
  let gatewayServedUsd = 0;
  let recordedServedUsd = 0;
  const requests = records.map((record, index): LoopRequest => {
    const entry = byClientId.get(`learn-${index}`);
    if (!entry) throw new Error(`${record.id}: no request-log row`);
    const trace = entry.routeTrace as { learned?: { artefact?: string } } | null;
    const artefact = trace?.learned?.artefact ?? "prior";
    const qualities = new Float64Array(k);
    const prior = input.priorScore(record);
    const found = artefacts.get(artefact);
    if (found) {
      const { text, turns } = promptOf(record.messages);
      const tags = requestTags({
        messages: record.messages,
        hasImages: false,
        requestedModel: "switchyard/auto",
        keyId: entry.apiKeyId ?? "",
        teamId: entry.teamId,
        estimatedInputTokens: 0,
        tags: entry.tags ?? [],
      });
      // The artefact's own candidate order, read back in ours (as the learned strategy does).
      const predicted = new Float64Array(found.models.length);
      found.model.predict(text, turns, tags, found.model.usesPrior ? prior : Number.NaN, predicted);
      models.forEach((name, m) => {
        qualities[m] = predicted[found.models.indexOf(name)] as number;
      });
    } else priorQualities(prior, qualities, k);
    const costs = recordCosts(record, models, prices);
    const chosen = chooseByRelativeQuality(qualities, input.minQuality).index;
    if (models[chosen] === entry.routedModel) agreed++;

    const servedIndex = models.indexOf(entry.routedModel ?? "");
    gatewayServedUsd += usd(entry.costUsd);
    recordedServedUsd += costs[servedIndex] ?? 0;
    const spent = calibration.get(entry.id);
    return {
      record,
      sampled: spent !== undefined,
      paused: false,
      qualities,
      artefact,
      scores: models.map((name) => record.outcomes[name]?.score ?? 0),
      costs,
      judgeCost: spent?.judgeUsd ?? 0,
      grossUsd: spent === undefined ? 0 : usd(entry.costUsd) + spent.usd,
    };
  });
  return {
    requests,
    fits,
    outcomes: outcomeCount,
    paused,
    agreement: { requests: requests.length, agreed },
    accounting: { gatewayServedUsd, recordedServedUsd },
  };
}
