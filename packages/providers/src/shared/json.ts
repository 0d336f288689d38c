import { upstreamError } from "@switchyard/core";
import type { z } from "zod";

/** Parse JSON text that came from outside; a syntax error becomes a non-retryable upstream error. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw upstreamError(`${what} is not valid JSON`, { retryable: false, cause });
  }
}

/** Validate a provider payload; a mismatch is a bad upstream response (502), not a client error. */
export function parseUpstream<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join(".") : "";
  throw upstreamError(
    `Unexpected ${what} from the provider${path ? ` at ${path}` : ""}: ${issue?.message ?? "invalid"}`,
    { retryable: false, cause: result.error },
  );
}

/** JSON text → validated value. */
export const parseUpstreamJson = <S extends z.ZodType>(schema: S, text: string, what: string) =>
  parseUpstream(schema, parseJsonText(text, what), what);

/** Tool-call arguments arrive as JSON text; an unparsable string is passed on as `{}`-wrapped raw text. */
export function parseToolArguments(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { _raw: text };
  }
}
