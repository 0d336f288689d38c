import { formatCount } from "../overview/format";
import type { RequestDetail } from "./contract";

/**
 * The parts of the token totals priced apart: uncached and cached input, cache writes, plain and
 * reasoning output (only the classes the request used beyond plain input and output).
 */
export function tokenClassParts(request: RequestDetail): string[] {
  const writes = request.cacheWrite5mTokens + request.cacheWrite1hTokens;
  const uncached = request.inputTokens - request.cachedInputTokens - writes;
  if (request.cachedInputTokens + writes + request.reasoningTokens === 0) return [];
  const parts = [`${formatCount(uncached)} uncached input`];
  if (request.cachedInputTokens > 0)
    parts.push(`${formatCount(request.cachedInputTokens)} cached input`);
  if (request.cacheWrite5mTokens > 0)
    parts.push(`${formatCount(request.cacheWrite5mTokens)} cache write (5 min)`);
  if (request.cacheWrite1hTokens > 0)
    parts.push(`${formatCount(request.cacheWrite1hTokens)} cache write (1 h)`);
  if (request.reasoningTokens > 0) {
    parts.push(`${formatCount(request.outputTokens - request.reasoningTokens)} output`);
    parts.push(`${formatCount(request.reasoningTokens)} reasoning`);
  }
  return parts;
}
