/**
 * Validates a policy document: every schema issue (with the bad field's path), then a compile
 * against the team's models (unknown models, bad regexes...), which reports the first problem.
 */
import type { ModelInfo } from "@switchyard/core";
import { type CompiledPolicy, compilePolicy, PolicyError, policySchema } from "@switchyard/router";
import type { PolicyIssue } from "../contract";

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "(root)";
}

export type ValidationResult =
  | { valid: true; compiled: CompiledPolicy; issues: [] }
  | { valid: false; issues: PolicyIssue[] };

export function validatePolicyBody(body: unknown, models: readonly ModelInfo[]): ValidationResult {
  const parsed = policySchema.safeParse(body);
  if (!parsed.success) {
    return {
      valid: false,
      issues: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  }
  try {
    return { valid: true, compiled: compilePolicy(body, { models }), issues: [] };
  } catch (error) {
    if (error instanceof PolicyError) {
      const message = error.message.startsWith(`${error.path}: `)
        ? error.message.slice(error.path.length + 2)
        : error.message;
      return { valid: false, issues: [{ path: error.path, message }] };
    }
    throw error;
  }
}
