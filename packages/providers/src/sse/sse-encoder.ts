/** Server-Sent Events encoding for the gateway's responses. */

export const SSE_DONE = "data: [DONE]\n\n";

/** One event; multi-line data becomes several `data:` lines. */
export function encodeSseEvent(event: { event?: string; data: string; id?: string }): string {
  let out = "";
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  const data = event.data;
  if (data.includes("\n") || data.includes("\r")) {
    for (const line of data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  } else {
    out += `data: ${data}\n`;
  }
  return `${out}\n`;
}

/** `data: <json>\n\n`, the OpenAI stream framing. */
export function encodeSseJson(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** `event: <name>\ndata: <json>\n\n`, the Anthropic stream framing. */
export function encodeSseNamedJson(name: string, value: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(value)}\n\n`;
}

/** A comment line, e.g. a keep-alive. */
export const encodeSseComment = (text: string): string => `: ${text}\n\n`;
