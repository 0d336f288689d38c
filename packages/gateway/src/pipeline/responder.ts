import type { RequestLedger } from "../accounting/request-ledger";
import type { CacheEntry } from "../cache/cached-answer";
import type { ExecuteContext } from "../execute/execute-plan";
import type { RouteDecision } from "../route/resolve-route";
import type { ParsedRequest, Surface } from "../surface/surface";
import type { CascadeJudge } from "./judge";
import type { PipelineDeps } from "./pipeline-deps";
import type { GatewayRequest } from "./types";

/** What a responder (JSON or stream) works with: one admitted request and its ledger. */
export interface Responder {
  deps: PipelineDeps;
  surface: Surface;
  request: GatewayRequest;
  parsed: ParsedRequest;
  route: RouteDecision;
  ledger: RequestLedger;
  context: ExecuteContext;
  /** The cascade's LLM judge, when the policy names one. */
  judge: CascadeJudge | null;
  /** Added to the response headers (rate-limit state). */
  extraHeaders: Record<string, string>;
  /** Where the answer goes in the policy's response cache (a miss), when it has one. */
  cacheEntry?: CacheEntry | undefined;
}
