/** Helpers shared by this package's tests: HTTP calls and a spec-following SSE parser. */
import { Ajv } from "ajv";

export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Parses an SSE body (LF or CRLF line endings) into events, as the EventSource spec does. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === "") {
      if (data.length > 0) events.push({ event, data: data.join("\n") });
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return events;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

export const anthropicHeaders = { "x-api-key": "test-key", "anthropic-version": "2023-06-01" };

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

/** True when `value` conforms to `schema` (a real validator, not the generator's own logic). */
export function conforms(schema: object, value: unknown): boolean {
  const validate = ajv.compile(schema);
  const ok = validate(value);
  if (!ok) console.error(JSON.stringify(validate.errors), JSON.stringify(value));
  return ok;
}

export const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string", minLength: 2 },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      days: { type: "integer", minimum: 1, maximum: 7 },
    },
    required: ["city", "unit"],
    additionalProperties: false,
  },
};

export const bookingTool = {
  name: "book_table",
  description: "Book a restaurant table",
  parameters: {
    type: "object",
    properties: {
      restaurant: { type: "string" },
      party: {
        type: "object",
        properties: {
          size: { type: "integer", minimum: 1, maximum: 12 },
          names: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 4 },
        },
        required: ["size", "names"],
      },
      time: { type: "string", format: "date-time" },
      vip: { type: "boolean" },
    },
    required: ["restaurant", "party", "time"],
  },
};
