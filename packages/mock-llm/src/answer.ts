import { createRandom, hashString } from "./hash";
import type { ReplayIndex } from "./replay";
import type { NormalizedRequest, ToolSpec } from "./request";
import { BadRequest } from "./request";
import { generateFromSchema } from "./schema-value";
import { generateText } from "./text-generator";
import type { AnswerClasses } from "./token-classes";
import { countTokens } from "./tokens";

export interface TextAnswer {
  kind: "text";
  text: string;
  finish: "stop" | "length";
  inputTokens: number;
  outputTokens: number;
  recordId: string | undefined;
  /** Token classes the usage reports (token-classes.ts); absent = none. */
  classes?: AnswerClasses;
}

export interface ToolAnswer {
  kind: "tool";
  callId: string;
  name: string;
  args: unknown;
  argumentsJson: string;
  inputTokens: number;
  outputTokens: number;
  recordId: undefined;
  classes?: AnswerClasses;
}

export type Answer = TextAnswer | ToolAnswer;

/** A generated (not replayed) text answer. */
const textAnswer = (
  text: string,
  finish: TextAnswer["finish"],
  inputTokens: number,
): TextAnswer => ({
  kind: "text",
  text,
  finish,
  inputTokens,
  outputTokens: countTokens(text.length),
  recordId: undefined,
});

export interface AnswerOptions {
  replay: ReplayIndex | undefined;
  strictReplay: boolean;
  /** The `grade` control: answer with exactly this integer (a judge model's rating). */
  grade?: number | undefined;
  /** The `quality` control: end a text answer with the mark ` [quality:n]`. */
  quality?: number | undefined;
  /** The `judge` control: answer `Grade: n` from the last ` [quality:n]` mark in the prompt. */
  judge?: boolean;
}

const QUALITY_MARK = /\[quality:(\d+)\]/g;

/**
 * A judge's reply to a grading prompt: `Grade: n` from the last `[quality:n]` mark of the last
 * user message (the reply under review comes after the conversation), else a sentence without
 * a number (a reply no grade parser accepts).
 */
export function judgeReply(lastUserText: string): string {
  let grade: string | undefined;
  for (const match of lastUserText.matchAll(QUALITY_MARK)) grade = match[1];
  return grade === undefined ? "No grade: the reply carries no quality mark." : `Grade: ${grade}`;
}

/** Returned when strict replay finds no record. */
export class ReplayMiss extends Error {
  readonly status = 404;
  constructor(model: string) {
    super(`No recorded outcome matches this prompt for model '${model}'`);
    this.name = "ReplayMiss";
  }
}

/** The seed every deterministic choice for this request derives from. */
export const answerSeed = (request: NormalizedRequest): number =>
  hashString(request.promptText, hashString(request.baseModel));

export function composeAnswer(request: NormalizedRequest, options: AnswerOptions): Answer {
  const inputTokens = countTokens(request.inputChars);
  if (options.grade !== undefined) return textAnswer(String(options.grade), "stop", inputTokens);
  if (options.judge) return textAnswer(judgeReply(request.lastUserText), "stop", inputTokens);
  const answer = generatedAnswer(request, options, inputTokens);
  if (options.quality === undefined || answer.kind !== "text") return answer;
  const text = `${answer.text} [quality:${options.quality}]`;
  return { ...answer, text, outputTokens: countTokens(text.length) };
}

function generatedAnswer(
  request: NormalizedRequest,
  options: AnswerOptions,
  inputTokens: number,
): Answer {
  const seed = answerSeed(request);
  const tool = chooseTool(request, seed);
  if (tool) {
    const args = generateFromSchema(
      tool.parameters ?? { type: "object" },
      createRandom(seed ^ 0x9e3779b9),
    );
    const argumentsJson = JSON.stringify(args ?? {});
    return {
      kind: "tool",
      callId: `call_${seed.toString(36)}${hashString(tool.name).toString(36)}`,
      name: tool.name,
      args,
      argumentsJson,
      inputTokens,
      outputTokens: countTokens(tool.name.length + argumentsJson.length),
      recordId: undefined,
    };
  }
  if (options.replay) {
    const record = options.replay.find(request);
    if (record) {
      return {
        kind: "text",
        text: record.response ?? `[no recorded response for ${record.recordId}]`,
        finish: "stop",
        inputTokens: record.inputTokens,
        outputTokens: record.outputTokens,
        recordId: record.recordId,
      };
    }
    if (options.strictReplay) throw new ReplayMiss(request.baseModel);
  }
  if (request.json) return jsonAnswer(request, seed, inputTokens);
  const generated = generateText(seed, inputTokens, request.maxTokens);
  return textAnswer(generated.text, generated.truncated ? "length" : "stop", inputTokens);
}

function jsonAnswer(request: NormalizedRequest, seed: number, inputTokens: number): TextAnswer {
  let value: unknown;
  if (request.json?.schema === undefined) {
    const summary = generateText(seed, Math.min(inputTokens, 40)).text;
    value = { answer: summary, confidence: Math.round(createRandom(seed).next() * 100) / 100 };
  } else {
    value = generateFromSchema(request.json.schema, createRandom(seed));
  }
  return textAnswer(JSON.stringify(value), "stop", inputTokens);
}

/** Which tool to call, or undefined to answer in text. */
function chooseTool(request: NormalizedRequest, seed: number): ToolSpec | undefined {
  const { tools, toolChoice } = request;
  if (tools.length === 0 || toolChoice === "none" || request.lastIsToolResult) return undefined;
  if (typeof toolChoice === "object") {
    const forced = tools.find((tool) => tool.name === toolChoice.name);
    if (!forced) throw new BadRequest(`Tool '${toolChoice.name}' is not among the offered tools`);
    return forced;
  }
  if (tools.length === 1) return tools[0];
  const prompt = request.lastUserText.toLowerCase();
  const mentioned = tools.find((tool) =>
    tool.name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .some((part) => part.length > 3 && prompt.includes(part)),
  );
  return mentioned ?? tools[seed % tools.length];
}
