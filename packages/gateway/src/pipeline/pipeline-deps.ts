import type { ResponseCache } from "@switchyard/core";
import type { LimitsEngine } from "@switchyard/limits";
import type { Logger } from "pino";
import type { RequestAccountant } from "../accounting/request-accountant";
import type { KeyCache } from "../auth/key-cache";
import type { LastUsedBatcher } from "../auth/last-used-batcher";
import type { CalibrationRunner } from "../calibration/calibration-runner";
import type { ConfigState } from "../config/config-state";
import type { Deadlines } from "../execute/deadlines";
import type { ProviderLookup } from "../execute/execute-plan";
import type { UpstreamPools } from "../execute/upstream-pools";
import type { UnwrittenRows } from "../feedback/find-request";
import type { FeedbackPorts } from "../feedback/handle-feedback";
import type { GatewayOptions } from "../options";
import type { StoredResponses } from "../responses/stored-responses";
import type { SseDecoderLike } from "../stream/stream-relay";

/** Everything the request pipeline works with, built once by createGateway. */
export interface PipelineDeps {
  keys: KeyCache;
  lastUsed: LastUsedBatcher;
  config(): ConfigState;
  providers: ProviderLookup;
  createSseDecoder(): SseDecoderLike;
  pools: UpstreamPools;
  /** Budgets and rate limits; absent = no limits. */
  limits: LimitsEngine | undefined;
  deadlines: Deadlines;
  /** Where finished requests go: the log queue, budget settlement, the log line. */
  accountant: RequestAccountant;
  /** Where feedback is stored and requests looked up; absent = /v1/feedback is not enabled. */
  feedback: FeedbackPorts | undefined;
  /** Log rows not in the store yet (feedback finds a request that has just finished). */
  unwritten: UnwrittenRows;
  options: GatewayOptions;
  logger: Logger;
  /** Where policies with a `cache` keep answers (shared through Redis, or this process's LRU). */
  responseCache: ResponseCache;
  /** Calibration sampling (when the gateway has an OutcomeStore); absent = never sampled. */
  calibration?: CalibrationRunner | undefined;
  /** Stored responses of POST /v1/responses (with a ResponseStore); absent = nothing is stored. */
  storedResponses?: StoredResponses | undefined;
}
