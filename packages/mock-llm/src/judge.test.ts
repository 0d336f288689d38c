import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeReply } from "./answer";
import { stripControls } from "./controls";
import { type MockLlm, startMockLlm } from "./index";
import { post } from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

type Completion = {
  choices: { message: { content: string } }[];
  usage: { completion_tokens: number };
};
const ask = async (model: string, content: string, headers: Record<string, string> = {}) => {
  const response = await post(
    `${mock.url}/v1/chat/completions`,
    { model, messages: [{ role: "user", content }] },
    headers,
  );
  expect(response.status).toBe(200);
  return response.json() as Completion;
};

describe("the quality and judge controls (deterministic grades per answer)", () => {
  it("ends a candidate's answer with its quality mark, counted in the usage", async () => {
    const plain = await ask("demo-small", "What is the capital of France?");
    const marked = await ask("demo-small+mock-quality-3", "What is the capital of France?");
    const text = marked.choices[0]?.message.content;
    expect(text).toBe(`${plain.choices[0]?.message.content} [quality:3]`);
    expect(marked.usage.completion_tokens).toBe(Math.ceil((text ?? "").length / 4));
    const header = await ask("demo-small", "What is the capital of France?", {
      "x-mock-quality": "8",
    });
    expect(header.choices[0]?.message.content.endsWith(" [quality:8]")).toBe(true);
  });

  it("a judge answers `Grade: n` from the last quality mark of the prompt", async () => {
    const prompt =
      "<conversation>\nuser: rate [quality:1] this\n</conversation>\n\n<reply>\nParis. [quality:9]\n</reply>";
    const judged = await ask("grader+mock-judge", prompt);
    expect(judged.choices[0]?.message.content).toBe("Grade: 9");
    const byHeader = await ask("grader", "<reply>Paris [quality:2]</reply>", {
      "x-mock-judge": "1",
    });
    expect(byHeader.choices[0]?.message.content).toBe("Grade: 2");
  });

  it("a judge answers without a number when the reply has no mark", async () => {
    const judged = await ask("grader+mock-judge", "<reply>Paris.</reply>");
    expect(judged.choices[0]?.message.content).toBe("No grade: the reply carries no quality mark.");
    expect(judgeReply("x [quality:42]")).toBe("Grade: 42");
  });

  it("the tokens leave the model name", () => {
    expect(stripControls("grader+mock-judge")).toBe("grader");
    expect(stripControls("demo-small+mock-quality-3")).toBe("demo-small");
  });
});
