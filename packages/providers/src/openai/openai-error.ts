import type { SwitchyardError } from "@switchyard/core";
import { errorParser } from "../shared/error-parser";
import type { HeaderBag } from "../shared/upstream-error";
import { openaiErrorBodySchema } from "./openai-upstream-schema";

/** `{ error: { message, type, code, param } }` (or a bare `{ error: "..." }`) → typed error. */
export function parseOpenAIError(
  displayName: string,
  status: number,
  headers: HeaderBag,
  bodyText: string,
): SwitchyardError {
  return errorParser(displayName, openaiErrorBodySchema, ({ error }) => {
    if (typeof error === "string") return { details: { message: error } };
    const code = error.code ?? error.type ?? null;
    return {
      details: {
        message: error.message ?? `HTTP ${status}`,
        code: code === null ? null : String(code),
        param: error.param ?? null,
      },
    };
  })(status, headers, bodyText);
}
