import type { UpstreamRequest } from "@switchyard/providers";

const REDACTED = "[redacted]";
/** Header values shorter than this are not credentials (versions, content types). */
const MIN_SECRET_LENGTH = 8;
const secretHeaders = /authorization|api[-_]?key|token|secret|cookie|signature/i;

/** Credential shapes (with what replaces them), also when the text holds another request's. */
const credentialPatterns: readonly [RegExp, string][] = [
  [/\b(bearer|basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  [/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, REDACTED],
  [/([?&](?:key|api[-_]?key|token|access_token|sig)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

/** The credentials of one upstream request: its secret-looking headers and URL query values. */
export function requestSecrets(upstream: UpstreamRequest): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (!secretHeaders.test(name) || value.length < MIN_SECRET_LENGTH) continue;
    secrets.push(value);
    // "Bearer <token>": the token alone may be echoed too.
    const token = value.split(/\s+/).at(-1);
    if (token !== undefined && token !== value && token.length >= MIN_SECRET_LENGTH) {
      secrets.push(token);
    }
  }
  try {
    for (const value of new URL(upstream.url).searchParams.values()) {
      if (value.length >= MIN_SECRET_LENGTH) secrets.push(value);
    }
  } catch {
    // An unparsable URL holds nothing to look for.
  }
  return secrets.sort((a, b) => b.length - a.length);
}

/**
 * `text` with every one of `secrets` and anything shaped like a credential replaced, for logs.
 * The upstream's own words, otherwise kept.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) redacted = redacted.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of credentialPatterns) {
    redacted = redacted.replace(pattern, replacement);
  }
  return redacted;
}
