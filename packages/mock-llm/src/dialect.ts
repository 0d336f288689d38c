import type { IncomingHttpHeaders } from "node:http";
import type { Answer } from "./answer";
import type { NormalizedRequest } from "./request";

/** Where a request came from: path parameters and query. */
export interface RequestContext {
  /** Model named in the URL (Gemini) or the deployment (Azure). */
  pathModel: string | undefined;
  query: URLSearchParams;
  /** Stream requested by the URL (Gemini's streamGenerateContent). */
  pathStream: boolean;
}

export interface RenderedError {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** One provider's wire format. */
export interface Dialect {
  name: "openai" | "azure" | "anthropic" | "gemini";
  /** Validates and normalises a parsed JSON body; throws BadRequest for what the provider rejects. */
  parse(body: unknown, context: RequestContext): NormalizedRequest;
  /** The full JSON response body. */
  json(answer: Answer, request: NormalizedRequest, id: string): string;
  /** The stream as ready-to-write frames (each one event, e.g. "data: …\n\n"). */
  stream(
    answer: Answer,
    request: NormalizedRequest,
    id: string,
    chunks: number,
    context: RequestContext,
  ): StreamBody;
  error(status: number, message: string): RenderedError;
  /** Header checks the provider makes before reading the body. */
  checkHeaders?(headers: IncomingHttpHeaders): { status: number; message: string } | undefined;
  /** Prefix for response ids. */
  idPrefix: string;
}

export interface StreamBody {
  contentType: string;
  frames: string[];
}

export const SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";
