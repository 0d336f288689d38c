/**
 * What an upstream said about a failure, kept apart from what callers are told: the typed error's
 * message is ours (who, what, the upstream's status and code), and the upstream's own text stays
 * in a report the gateway may log (redacted) but never returns. An upstream may echo the
 * request's credential in its error body; a caller must never read it.
 */
import { SwitchyardError } from "@switchyard/core";
import type { UpstreamErrorDetails } from "./upstream-error";

/** What an upstream said about a failure, for the gateway's logs; never for a response. */
export interface UpstreamErrorReport {
  provider: string;
  /** The HTTP status the failure stands for; null for an in-stream error that gave none. */
  status: number | null;
  /** The upstream's code (when it looks like one), or the classification (context overflow). */
  code: string | null;
  /** The upstream's own message (capped): log it redacted, at debug level, or not at all. */
  message: string;
}

/**
 * Reports by error: held beside the error, not on it, so no serializer (a logger's `err`, a JSON
 * dump) can ever write the upstream's text by accident.
 */
const reports = new WeakMap<SwitchyardError, UpstreamErrorReport>();

/** The upstream's report behind a typed error, when it came from an upstream. */
export function upstreamErrorReport(error: unknown): UpstreamErrorReport | undefined {
  return error instanceof SwitchyardError ? reports.get(error) : undefined;
}

const MAX_REPORTED_MESSAGE = 2_000;
/** An identifier-shaped value (an error code, a parameter path); anything else is dropped. */
const TOKEN = /^[A-Za-z0-9_.:[\]-]{1,64}$/;

/** `value` when it looks like a machine-readable code or parameter path; otherwise null. */
export function safeUpstreamToken(value: string | null | undefined): string | null {
  return typeof value === "string" && TOKEN.test(value) ? value : null;
}

function what(status: number | null): string {
  if (status === null) return "answered with an error";
  if (status === 429) return "is rate limiting requests";
  if (status === 408 || status === 504) return "timed out";
  if (status === 503 || status === 529) return "is overloaded";
  if (status >= 500) return "failed";
  return "refused the request";
}

/**
 * The message callers get for an upstream failure: who, what, the upstream's status and code.
 * `subject` is e.g. "OpenAI" or "The provider of 'gpt-4o'".
 */
export function describeUpstreamFailure(
  subject: string,
  report: Pick<UpstreamErrorReport, "status" | "code">,
): string {
  const facts = [
    ...(report.status === null ? [] : [`HTTP ${report.status}`]),
    ...(report.code === null ? [] : [`code ${report.code}`]),
  ];
  return `${subject} ${what(report.status)}${facts.length === 0 ? "" : ` (${facts.join(", ")})`}.`;
}

/** `error`, with the upstream's report held beside it. */
export function reported(error: SwitchyardError, report: UpstreamErrorReport): SwitchyardError {
  reports.set(error, report);
  return error;
}

/** A report of what `provider` said (its message capped). */
export function upstreamReport(
  provider: string,
  status: number | null,
  code: string | null,
  message: string,
): UpstreamErrorReport {
  return { provider, status, code, message: message.slice(0, MAX_REPORTED_MESSAGE) };
}

/** The same error told about `subject` (e.g. "The provider of 'gpt-4o'"), its report kept. */
export function rewordUpstreamError(error: SwitchyardError, subject: string): SwitchyardError {
  const found = reports.get(error);
  if (found === undefined) return error;
  const reworded = new SwitchyardError(describeUpstreamFailure(subject, found), {
    status: error.status,
    code: error.code,
    type: error.type,
    retryable: error.retryable,
    param: error.param,
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    headers: error.headers,
  });
  return reported(reworded, found);
}

/**
 * An error event inside an upstream's stream (or a 200 answer that holds only an error): a
 * 502, retryable unless said otherwise, with our message and the upstream's code.
 */
export function upstreamStreamError(
  provider: string,
  details: UpstreamErrorDetails,
  retryable = true,
): SwitchyardError {
  const code = safeUpstreamToken(details.code);
  const error = new SwitchyardError(describeUpstreamFailure(provider, { status: null, code }), {
    status: 502,
    code: "upstream_error",
    type: "upstream_error",
    retryable,
  });
  return reported(error, upstreamReport(provider, null, code, details.message));
}

/** The code (or else the type) of a loosely typed upstream error object, as text. */
export function upstreamErrorCode(error: Record<string, unknown>): string | null {
  const code = error.code ?? error.type;
  return typeof code === "string" || typeof code === "number" ? String(code) : null;
}
