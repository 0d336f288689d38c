import { type TokenUsage, tokenClasses } from "@switchyard/core";

/**
 * Token usage in Anthropic's names: input_tokens excludes cache reads and writes, which come
 * apart (cache_creation breaks the writes down by time to live), as Anthropic reports them.
 */
export function anthropicUsageFields(usage: TokenUsage) {
  const classes = tokenClasses(usage);
  const writes = classes.cacheWrite5m + classes.cacheWrite1h;
  return {
    input_tokens: classes.uncachedInput,
    cache_read_input_tokens: classes.cachedInput,
    cache_creation_input_tokens: writes,
    ...(writes > 0
      ? {
          cache_creation: {
            ephemeral_5m_input_tokens: classes.cacheWrite5m,
            ephemeral_1h_input_tokens: classes.cacheWrite1h,
          },
        }
      : {}),
  };
}
