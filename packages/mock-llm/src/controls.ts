import type { IncomingHttpHeaders } from "node:http";

/** Per-request behaviour, from the model name (`mock-…` tokens) and `x-mock-…` headers. */
export interface Controls {
  /** Milliseconds before the first byte. */
  delayMs: number;
  /** Milliseconds between stream events. */
  chunkDelayMs: number;
  /** Number of content pieces a streamed answer is split into. */
  chunks: number;
  /** Answer with this HTTP status and the provider's error body. */
  errorStatus: number | undefined;
  /** Seconds for the retry-after header (429 defaults to 1). */
  retryAfterSeconds: number | undefined;
  /** Accept the request and never answer. */
  timeout: boolean;
  /** Destroy the socket after this many stream events. */
  cutAfter: number | undefined;
  /** Fail the first N requests with this prompt and model with 503. */
  failFirst: number | undefined;
  /** Answer with exactly this integer, as a grading model would (a cascade's judge). */
  grade: number | undefined;
  /** End a text answer with the mark ` [quality:n]`, which a `judge` model reads. */
  quality: number | undefined;
  /** Grade the reply in the prompt by its ` [quality:n]` mark: answer `Grade: n`. */
  judge: boolean;
  /** Token classes the usage reports (token-classes.ts): parts of the prompt, extra reasoning. */
  tokenClasses: TokenClassControls;
}

export interface TokenClassControls {
  cached: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  reasoning: number;
}

export interface ControlDefaults {
  delayMs: number;
  chunkDelayMs: number;
  chunks: number;
}

const CONTROL_PATTERN =
  /mock-(?:(chunk-delay|delay|chunks|error|retry-after|cut|fail-first|grade|quality|cached|cache-write-1h|cache-write|reasoning)-(\d+)|(timeout|judge))/g;
const SEPARATORS = /^[-_+:/.@ ]+|[-_+:/.@ ]+$/g;

/** The model name without its control tokens ("gpt-4o+mock-delay-50" → "gpt-4o"). */
export function stripControls(model: string): string {
  if (!model.includes("mock-")) return model;
  const stripped = model.replace(CONTROL_PATTERN, "").replace(SEPARATORS, "");
  return stripped.length > 0 ? stripped : "mock";
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const nonNegative = (value: string | undefined): number | undefined => {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? Math.floor(number) : undefined;
};

export function parseControls(
  model: string,
  headers: IncomingHttpHeaders,
  defaults: ControlDefaults,
): Controls {
  const controls: Controls = {
    delayMs: defaults.delayMs,
    chunkDelayMs: defaults.chunkDelayMs,
    chunks: defaults.chunks,
    errorStatus: undefined,
    retryAfterSeconds: undefined,
    timeout: false,
    cutAfter: undefined,
    failFirst: undefined,
    grade: undefined,
    quality: undefined,
    judge: false,
    tokenClasses: { cached: 0, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 0 },
  };
  if (model.includes("mock-")) {
    for (const match of model.matchAll(CONTROL_PATTERN)) {
      if (match[3] === "timeout") controls.timeout = true;
      else if (match[3] === "judge") controls.judge = true;
      else if (match[1] !== undefined) apply(controls, match[1], Number(match[2]));
    }
  }
  if (header(headers, "x-mock-timeout") !== undefined) {
    const value = header(headers, "x-mock-timeout");
    controls.timeout = value !== "0" && value !== "false";
  }
  const judge = header(headers, "x-mock-judge");
  if (judge !== undefined) controls.judge = judge !== "0" && judge !== "false";
  const fromHeaders: Array<[string, string]> = [
    ["x-mock-delay-ms", "delay"],
    ["x-mock-chunk-delay-ms", "chunk-delay"],
    ["x-mock-chunks", "chunks"],
    ["x-mock-error", "error"],
    ["x-mock-retry-after", "retry-after"],
    ["x-mock-cut", "cut"],
    ["x-mock-fail-first", "fail-first"],
    ["x-mock-grade", "grade"],
    ["x-mock-quality", "quality"],
    ["x-mock-cached-tokens", "cached"],
    ["x-mock-cache-write-tokens", "cache-write"],
    ["x-mock-cache-write-1h-tokens", "cache-write-1h"],
    ["x-mock-reasoning-tokens", "reasoning"],
  ];
  for (const [name, key] of fromHeaders) {
    const value = nonNegative(header(headers, name));
    if (value !== undefined) apply(controls, key, value);
  }
  return controls;
}

function apply(controls: Controls, key: string, value: number): void {
  switch (key) {
    case "delay":
      controls.delayMs = value;
      break;
    case "chunk-delay":
      controls.chunkDelayMs = value;
      break;
    case "chunks":
      controls.chunks = Math.max(1, value);
      break;
    case "error":
      if (value >= 400 && value <= 599) controls.errorStatus = value;
      break;
    case "retry-after":
      controls.retryAfterSeconds = value;
      break;
    case "cut":
      controls.cutAfter = value;
      break;
    case "fail-first":
      controls.failFirst = value;
      break;
    case "grade":
      controls.grade = value;
      break;
    case "quality":
      controls.quality = value;
      break;
    case "cached":
      controls.tokenClasses.cached = value;
      break;
    case "cache-write":
      controls.tokenClasses.cacheWrite5m = value;
      break;
    case "cache-write-1h":
      controls.tokenClasses.cacheWrite1h = value;
      break;
    case "reasoning":
      controls.tokenClasses.reasoning = value;
      break;
  }
}
