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
