import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import type { NormalizedRequest } from "./request";

/**
 * Replay of recorded outcomes (the gzip JSONL format of the evaluation sets): a request whose
 * conversation, or last user message, matches a record and whose model is one of the record's
 * outcome models gets that model's recorded response and token counts.
 */
const contentSchema = z.union([
  z.string(),
  z
    .array(z.object({ text: z.string().optional() }).passthrough())
    .transform((parts) => parts.map((part) => part.text ?? "").join("\n")),
]);

const outcomeSchema = z.object({
  score: z.number().optional(),
  response: z.string().nullable().optional(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
});

const recordSchema = z.object({
  id: z.string(),
  messages: z.array(z.object({ role: z.string(), content: contentSchema })).min(1),
  outcomes: z.record(z.string(), outcomeSchema),
});

type ReplayRecord = z.infer<typeof recordSchema>;

export interface ReplayMatch {
  recordId: string;
  response: string | null;
  inputTokens: number;
  outputTokens: number;
}

export interface ReplayIndex {
  /** Number of records loaded. */
  size: number;
  /** Every outcome model named in the records. */
  models: string[];
  find(request: NormalizedRequest): ReplayMatch | undefined;
}

/** Lower-case, whitespace collapsed, trimmed. */
export const normalisePrompt = (text: string): string =>
  text.replace(/\s+/g, " ").trim().toLowerCase();

const promptKey = (text: string): string =>
  createHash("sha1").update(normalisePrompt(text)).digest("hex");

export function buildReplayIndex(records: readonly ReplayRecord[]): ReplayIndex {
  const byConversation = new Map<string, ReplayRecord[]>();
  const byLastUser = new Map<string, ReplayRecord[]>();
  const add = (map: Map<string, ReplayRecord[]>, key: string, record: ReplayRecord) => {
    const list = map.get(key);
    if (list) list.push(record);
    else map.set(key, [record]);
  };
  for (const record of records) {
    const turns = record.messages.filter((message) => message.role !== "system");
    add(byConversation, promptKey(turns.map((message) => message.content).join("\n")), record);
    const lastUser = [...record.messages].reverse().find((message) => message.role === "user");
    if (lastUser) add(byLastUser, promptKey(lastUser.content), record);
  }
  const pick = (candidates: ReplayRecord[] | undefined, model: string): ReplayMatch | undefined => {
    if (!candidates) return undefined;
    for (const record of candidates) {
      const name = outcomeModel(record, model);
      const outcome = name === undefined ? undefined : record.outcomes[name];
      if (outcome) {
        return {
          recordId: record.id,
          response: outcome.response ?? null,
          inputTokens: outcome.input_tokens,
          outputTokens: outcome.output_tokens,
        };
      }
    }
    return undefined;
  };
  const models = new Set<string>();
  for (const record of records) for (const name of Object.keys(record.outcomes)) models.add(name);
  return {
    size: records.length,
    models: [...models],
    find(request) {
      return (
        pick(byConversation.get(promptKey(request.conversationText)), request.baseModel) ??
        pick(byLastUser.get(promptKey(request.lastUserText)), request.baseModel)
      );
    },
  };
}

/** The outcome name a requested model refers to: exact, or without a "provider/" prefix. */
function outcomeModel(record: ReplayRecord, model: string): string | undefined {
  if (model in record.outcomes) return model;
  const slash = model.lastIndexOf("/");
  const bare = slash >= 0 ? model.slice(slash + 1) : model;
  return bare in record.outcomes ? bare : undefined;
}

/** Reads a gzip (or plain) JSONL outcome file; a malformed line fails with its line number. */
export async function loadReplayFile(path: string): Promise<ReplayIndex> {
  const bytes = await readFile(path);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
  const records: ReplayRecord[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${index + 1}: not valid JSON`);
    }
    const parsed = recordSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `${path}:${index + 1}: not an outcome record (${parsed.error.issues[0]?.message ?? "invalid"})`,
      );
    }
    records.push(parsed.data);
  }
  return buildReplayIndex(records);
}
