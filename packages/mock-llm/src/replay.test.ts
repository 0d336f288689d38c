import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { anthropicHeaders, post } from "./test-helpers";

const records = [
  {
    id: "fixture/1",
    dataset: "fixture",
    category: "math",
    messages: [{ role: "user", content: "What is 17 multiplied by 3?\nAnswer with a number." }],
    outcomes: {
      "cheap-model": { score: 0, response: "It is 41.", input_tokens: 13, output_tokens: 3 },
      "strong-model": {
        score: 1,
        response: "17 x 3 = 51. The answer is 51.",
        input_tokens: 13,
        output_tokens: 8,
      },
    },
  },
  {
    id: "fixture/2",
    dataset: "fixture",
    category: "history",
    messages: [{ role: "user", content: "Who built the first printing press in Europe?" }],
    outcomes: {
      "cheap-model": { score: 1, response: null, input_tokens: 12, output_tokens: 40 },
      "strong-model": {
        score: 1,
        response: "Johannes Gutenberg, around 1440.",
        input_tokens: 12,
        output_tokens: 9,
      },
    },
  },
];

let directory: string;
let file: string;
let mock: MockLlm;
let strict: MockLlm;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "mock-llm-replay-"));
  file = join(directory, "outcomes.jsonl.gz");
  await writeFile(
    file,
    gzipSync(`${records.map((record) => JSON.stringify(record)).join("\n")}\n`),
  );
  mock = await startMockLlm({ port: 0, replayFile: file });
  strict = await startMockLlm({ port: 0, replayFile: file, strictReplay: true });
});
afterAll(async () => {
  await Promise.all([mock.close(), strict.close()]);
  await rm(directory, { recursive: true, force: true });
});

interface Completion {
  choices: Array<{ message: { content: string } }>;
  usage: { prompt_tokens: number; completion_tokens: number };
}

const ask = (server: MockLlm, model: string, content: string, system?: string) =>
  post(`${server.url}/v1/chat/completions`, {
    model,
    messages: [...(system ? [{ role: "system", content: system }] : []), { role: "user", content }],
  });

describe("replay mode", () => {
  it("returns the recorded answer and tokens of the requested model, with the record id", async () => {
    const strong = await ask(
      mock,
      "strong-model",
      "What is 17 multiplied by 3?\nAnswer with a number.",
    );
    expect(strong.headers.get("x-mock-record-id")).toBe("fixture/1");
    const body = strong.json() as Completion;
    expect(body.choices[0]!.message.content).toBe("17 x 3 = 51. The answer is 51.");
    expect(body.usage).toMatchObject({ prompt_tokens: 13, completion_tokens: 8 });
    const cheap = (
      await ask(mock, "cheap-model", "What is 17 multiplied by 3?\nAnswer with a number.")
    ).json() as Completion;
    expect(cheap.choices[0]!.message.content).toBe("It is 41.");
  });

  it("matches a normalised last user message, with a system prompt and a provider prefix", async () => {
    const response = await ask(
      mock,
      "openai/strong-model",
      "  what is 17 MULTIPLIED by 3?   answer with a number. ",
      "You are a careful tutor.",
    );
    expect(response.headers.get("x-mock-record-id")).toBe("fixture/1");
    expect((response.json() as Completion).choices[0]!.message.content).toBe(
      "17 x 3 = 51. The answer is 51.",
    );
  });

  it("uses a placeholder for a null response but keeps the recorded tokens", async () => {
    const response = await ask(
      mock,
      "cheap-model",
      "Who built the first printing press in Europe?",
    );
    expect(response.headers.get("x-mock-record-id")).toBe("fixture/2");
    const body = response.json() as Completion;
    expect(body.choices[0]!.message.content).toContain("fixture/2");
    expect(body.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 40 });
  });

  it("replays through the other formats too", async () => {
    const response = await post(
      `${mock.url}/v1/messages`,
      {
        model: "strong-model",
        max_tokens: 100,
        messages: [
          {
            role: "user",
            content: [{ type: "text", text: "Who built the first printing press in Europe?" }],
          },
        ],
      },
      anthropicHeaders,
    );
    expect(response.headers.get("x-mock-record-id")).toBe("fixture/2");
    const body = response.json() as {
      content: Array<{ text: string }>;
      usage: { input_tokens: number; output_tokens: number };
    };
    expect(body.content[0]!.text).toBe("Johannes Gutenberg, around 1440.");
    expect(body.usage).toMatchObject({ input_tokens: 12, output_tokens: 9 });
  });

  it("falls back to generated answers, or 404 in strict mode, for unmatched prompts or models", async () => {
    const unmatched = await ask(mock, "strong-model", "An unrecorded question");
    expect(unmatched.status).toBe(200);
    expect(unmatched.headers.get("x-mock-record-id")).toBeNull();
    const otherModel = await ask(
      mock,
      "gpt-4o",
      "What is 17 multiplied by 3?\nAnswer with a number.",
    );
    expect(otherModel.headers.get("x-mock-record-id")).toBeNull();

    const strictMiss = await ask(strict, "strong-model", "An unrecorded question");
    expect(strictMiss.status).toBe(404);
    expect(
      (strictMiss.json() as { error: { type: string; message: string } }).error.message,
    ).toContain("strong-model");
    const strictHit = await ask(
      strict,
      "strong-model",
      "Who built the first printing press in Europe?",
    );
    expect(strictHit.status).toBe(200);
  });

  it("lists the recorded models and rejects malformed files with the line number", async () => {
    const models = (await (await fetch(`${mock.url}/v1/models`)).json()) as {
      data: Array<{ id: string }>;
    };
    expect(models.data.map((model) => model.id)).toEqual(
      expect.arrayContaining(["cheap-model", "strong-model"]),
    );
    const broken = join(directory, "broken.jsonl.gz");
    await writeFile(broken, gzipSync(`${JSON.stringify(records[0])}\n{"id": 3}\n`));
    await expect(startMockLlm({ port: 0, replayFile: broken })).rejects.toThrow(
      /broken\.jsonl\.gz:2/,
    );
  });
});
