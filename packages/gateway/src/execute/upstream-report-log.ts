import type { ModelInfo } from "@switchyard/core";
import { type UpstreamRequest, upstreamErrorReport } from "@switchyard/providers";
import type { Logger } from "pino";
import { redactSecrets, requestSecrets } from "./redact-secrets";

/**
 * Log what an upstream said about a failed attempt, at debug level only and redacted: its words
 * help an operator, but they are never returned to the caller (they may echo the credential).
 */
export function logUpstreamReport(
  logger: Logger,
  failure: unknown,
  model: ModelInfo,
  upstream: UpstreamRequest,
): void {
  const report = upstreamErrorReport(failure);
  if (report === undefined || !logger.isLevelEnabled("debug")) return;
  const secrets = requestSecrets(upstream);
  if (model.apiKey !== null) secrets.push(model.apiKey);
  logger.debug(
    {
      model: model.name,
      status: report.status,
      code: report.code,
      upstreamMessage: redactSecrets(report.message, secrets),
    },
    "upstream error detail",
  );
}
