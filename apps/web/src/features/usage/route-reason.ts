/**
 * Route reasons as the gateway writes them (x-switchyard-route), e.g. "rule:long-docs",
 * "classifier:0.62>=0.50", "cascade:small→large;escalated", "default;budget-downgrade", grouped
 * for charts and filters: classifier scores dropped, rule names and cascade pairs kept, suffixes
 * after ";" (cascade verdicts, budget downgrades) dropped.
 */
export function routeReasonGroup(reason: string): string {
  const head = reason.split(";")[0] ?? "";
  if (head.startsWith("rule:")) return head.split("+")[0] ?? head;
  if (head.startsWith("classifier:")) return "classifier";
  return head || "unknown";
}

/**
 * SQL LIKE patterns that match every raw reason of a group (for the request log's filter). Values
 * are escaped for LIKE with "\\" as the escape character.
 */
export function routeReasonPatterns(group: string): string[] {
  const escaped = group.replace(/[\\%_]/g, (character) => `\\${character}`);
  if (group === "classifier") return ["classifier:%"];
  return [escaped, `${escaped};%`, `${escaped}+%`];
}
