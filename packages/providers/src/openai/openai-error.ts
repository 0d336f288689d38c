import type { SwitchyardError } from "@switchyard/core";
import { classifyUpstreamError, type HeaderBag, plainErrorMessage } from "../shared/upstream-error";
import { openaiErrorBodySchema } from "./openai-upstream-schema";

/** `{ error: { message, type, code, param } }` (or a bare `{ error: "..." }`) → typed error. */
export function parseOpenAIError(
  displayName: string,
  status: number,
  headers: HeaderBag,
  bodyText: string,
): SwitchyardError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const body = openaiErrorBodySchema.safeParse(parsed);
  if (!body.success) {
    return classifyUpstreamError(displayName, status, headers, {
      message: plainErrorMessage(status, bodyText),
    });
  }
  const error = body.data.error;
  if (typeof error === "string")
    return classifyUpstreamError(displayName, status, headers, { message: error });
  const code = error.code ?? error.type ?? null;
  return classifyUpstreamError(displayName, status, headers, {
    message: error.message ?? `HTTP ${status}`,
    code: code === null ? null : String(code),
    param: error.param ?? null,
  });
}
