/** The provider-neutral view of a chat request that the answer generator works from. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: unknown;
}

export type ToolChoice = "auto" | "none" | "required" | { name: string };

export interface NormalizedRequest {
  /** The requested model, control tokens included. */
  model: string;
  /** The model without control tokens: what answers are derived from. */
  baseModel: string;
  stream: boolean;
  /** OpenAI stream_options.include_usage: a final usage chunk with empty choices. */
  includeUsage: boolean;
  /** All message text (system included), in order, for hashing. */
  promptText: string;
  /** Characters of all message text: the input token estimate is ceil(chars / 4). */
  inputChars: number;
  /** Text of the last user message (for replay matching). */
  lastUserText: string;
  /** Text of every non-system message joined by newlines (for replay matching). */
  conversationText: string;
  /** True when the last message carries a tool result: answer in text. */
  lastIsToolResult: boolean;
  tools: ToolSpec[];
  toolChoice: ToolChoice;
  /** JSON output wanted: `schema` undefined means any JSON object. */
  json: { schema: unknown } | undefined;
  maxTokens: number | undefined;
}

/** Thrown by request parsers for a body the real provider would reject with 400. */
export class BadRequest extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.name = "BadRequest";
    this.status = status;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const optionalNumber = (value: unknown, name: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new BadRequest(`${name} must be a non-negative number`);
  }
  return Math.floor(value);
};
