/**
 * POST {base}/v1/messages/count_tokens: Anthropic counts a Messages request's input tokens (free,
 * exact). The body is the request's Messages body without what counting does not take.
 */
import { SwitchyardError } from "@switchyard/core";
import { z } from "zod";
import type { TokenCounter } from "../types";
import { buildAnthropicRequest } from "./anthropic-request";

/** What count_tokens accepts of a Messages body. */
const COUNTED = [
  "model",
  "messages",
  "system",
  "tools",
  "tool_choice",
  "thinking",
  "output_config",
];

export const anthropicTokenCounter: TokenCounter = {
  buildRequest(model, request, clientHeaders) {
    const messages = buildAnthropicRequest(model, request, false, clientHeaders);
    const body = JSON.parse(messages.body) as Record<string, unknown>;
    const counted = Object.fromEntries(
      COUNTED.filter((key) => key in body).map((key) => [key, body[key]]),
    );
    return {
      ...messages,
      url: messages.url.replace(/\/v1\/messages$/, "/v1/messages/count_tokens"),
      body: JSON.stringify(counted),
    };
  },
  parseResponse(body) {
    const parsed = z.object({ input_tokens: z.number().int().nonnegative() }).safeParse(body);
    if (!parsed.success)
      throw new SwitchyardError("Anthropic returned a token count without input_tokens.", {
        status: 502,
        code: "bad_upstream_response",
        type: "api_error",
      });
    return parsed.data.input_tokens;
  },
};
