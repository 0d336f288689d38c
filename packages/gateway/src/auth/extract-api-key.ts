type HeaderValue = string | string[] | undefined;

const first = (value: HeaderValue): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The key a caller presented: `Authorization: Bearer <key>` or (Anthropic style) `x-api-key`.
 * Returns null when neither is present or the value is empty.
 */
export function extractApiKey(headers: Record<string, HeaderValue>): string | null {
  const authorization = first(headers.authorization);
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  const apiKey = first(headers["x-api-key"])?.trim();
  return apiKey ? apiKey : null;
}
