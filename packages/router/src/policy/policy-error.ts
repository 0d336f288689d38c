import { SwitchyardError } from "@switchyard/core";

/** Formats a zod-style path: ["rules", 2, "when", "any", 0, "regex"] → "rules[2].when.any[0].regex". */
function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || "(root)";
}

/** A policy that cannot be compiled; the message starts with the path of the bad field. */
export class PolicyError extends SwitchyardError {
  readonly path: string;
  constructor(path: readonly PropertyKey[], problem: string) {
    const formatted = formatPath(path);
    super(`${formatted}: ${problem}`, {
      status: 400,
      code: "invalid_policy",
      type: "invalid_request_error",
      param: formatted,
    });
    this.name = "PolicyError";
    this.path = formatted;
  }
}

interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  note?: string;
  errors?: IssueLike[][];
}

/**
 * The issue to report from a zod error: inside a union (a rule's target: a model, or a
 * strategy), the issue of the one branch that matched the input's shape, so the message names
 * the field (`rules[0].target.minQuality`) rather than "Invalid input" at the union.
 */
export function reportedIssue(issue: IssueLike): IssueLike {
  if (issue.code !== "invalid_union" || !issue.errors) return issue;
  const shaped = issue.errors.filter(
    (branch) =>
      branch.length > 0 &&
      !branch.some(
        (inner) => inner.code === "unrecognized_keys" || inner.note === "No matching discriminator",
      ),
  );
  const first = shaped.length === 1 ? shaped[0]?.[0] : undefined;
  if (!first) return issue;
  const inner = reportedIssue(first);
  return { ...inner, path: [...issue.path, ...inner.path] };
}
