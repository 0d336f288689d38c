import type { ChatCompletionRequest } from "@switchyard/core";
import type { RoutingRequest } from "@switchyard/router";
import { estimatePromptTokens } from "../accounting/estimate-usage";

function hasImages(request: ChatCompletionRequest): boolean {
  for (const message of request.messages) {
    if (message.role !== "user" || typeof message.content === "string") continue;
    if (message.content.some((part) => part.type === "image_url")) return true;
  }
  return false;
}

/** What the routing engine sees of a request (no provider or transport details). */
export function toRoutingRequest(
  request: ChatCompletionRequest,
  input: {
    requestedModel: string;
    keyId: string;
    teamId: string;
    task: string | undefined;
    tags?: string[];
  },
): RoutingRequest {
  return {
    messages: request.messages.map((message) => ({
      role: message.role,
      content: (message.content ?? null) as RoutingRequest["messages"][number]["content"],
    })),
    tools: request.tools,
    responseFormat: request.response_format,
    hasImages: hasImages(request),
    task: input.task ?? request.metadata?.task,
    requestedModel: input.requestedModel,
    keyId: input.keyId,
    teamId: input.teamId,
    estimatedInputTokens: estimatePromptTokens(request),
    tags: input.tags ?? [],
  };
}
