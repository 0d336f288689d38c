import type { z } from "zod";
import { invalidRequest } from "../errors";

/** `messages[0].content` style path for a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      // A discriminated union reports the bad discriminator value with the allowed `options`.
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) {
        return `expected one of ${options.map((v) => JSON.stringify(v)).join(", ")}`;
      }
      const nested = issue.errors.flat();
      const first = nested[0];
      return first ? describeIssue(first) : issue.message;
    }
    default:
      return issue.message;
  }
}

function leafIssue(issue: z.core.$ZodIssue): { issue: z.core.$ZodIssue; path: PropertyKey[] } {
  if (issue.code === "invalid_union" && issue.errors.length === 1) {
    const inner = issue.errors[0]?.[0];
    if (inner) {
      const deeper = leafIssue(inner);
      return { issue: deeper.issue, path: [...issue.path, ...deeper.path] };
    }
  }
  return { issue, path: [...issue.path] };
}

/**
 * Validate `value` against `schema` and return the parsed value, or throw core's
 * invalidRequest naming the first bad field, e.g. `messages[0].role: expected one of "system", ...`
 * with `param` set to that path.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw invalidRequest("Invalid request body");
  const { issue, path } = leafIssue(first);
  const param = formatPath(path);
  const message = describeIssue(issue);
  throw invalidRequest(
    param === "" ? message : `${param}: ${message}`,
    param === "" ? null : param,
  );
}
