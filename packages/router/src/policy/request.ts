/** What the router sees of a request, and the per-decision view that caches derived values. */
import type { Capability } from "@switchyard/core";
import { type ChatMessageLike, promptOf } from "../features/request-text";
import { REGEX_WINDOW_CHARS } from "./rule-regex";

export interface RoutingRequest {
  /** OpenAI-shaped messages: role + string or parts content. */
  messages: readonly ChatMessageLike[];
  tools?: readonly unknown[] | undefined;
  responseFormat?: { type: string } | undefined;
  hasImages: boolean;
  /** Declared by the caller (x-switchyard-task header or metadata.task). */
  task?: string | undefined;
  requestedModel: string;
  keyId: string;
  teamId: string;
  estimatedInputTokens: number;
  /**
   * Tags the caller sent (e.g. metadata tags: "category:billing", "user:42"); the learned
   * strategy estimates quality per tag (learned/request-features.ts: requestTags).
   */
  tags?: readonly string[] | undefined;
}

export class RequestView {
  private promptCache: { text: string; turns: number } | null = null;
  private lowerCache: string | null = null;
  private regexCache: string | null = null;
  constructor(readonly request: RoutingRequest) {}

  get prompt(): { text: string; turns: number } {
    this.promptCache ??= promptOf(this.request.messages);
    return this.promptCache;
  }
  get lowerText(): string {
    this.lowerCache ??= this.prompt.text.toLowerCase();
    return this.lowerCache;
  }
  /** What a regex rule reads: the first REGEX_WINDOW_CHARS characters of the prompt text. */
  get regexText(): string {
    this.regexCache ??= this.prompt.text.slice(0, REGEX_WINDOW_CHARS);
    return this.regexCache;
  }
}

/** Capabilities a model needs to serve the request. */
export function requiredCapabilities(request: RoutingRequest): Capability[] {
  const needed: Capability[] = [];
  if (request.tools && request.tools.length > 0) needed.push("tools");
  if (request.hasImages) needed.push("vision");
  const format = request.responseFormat?.type;
  if (format === "json_schema") needed.push("json_schema");
  else if (format === "json_object") needed.push("json");
  return needed;
}
