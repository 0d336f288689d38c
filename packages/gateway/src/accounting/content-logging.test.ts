import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const entryOf = async (h: Harness, id: string) => {
  await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === id));
  const entry = h.usage.entries.find((e) => e.clientRequestId === id);
  if (entry === undefined) throw new Error("no entry");
  return entry;
};

describe("content logging", () => {
  let off: Harness;
  let on: Harness;
  beforeAll(async () => {
    [off, on] = await Promise.all([startHarness(), startHarness({ contentLogging: true })]);
  });
  afterAll(async () => {
    await Promise.all([off.close(), on.close()]);
  });

  it("stores no prompt or completion by default", async () => {
    await off.fetch("/v1/chat/completions", {
      json: { model: "small", messages: [{ role: "user", content: "secret plans" }] },
      headers: { "x-request-id": "no-content" },
    });
    const entry = await entryOf(off, "no-content");
    expect(entry.promptText).toBeNull();
    expect(entry.completionText).toBeNull();
  });

  it("stores prompt and completion (JSON and streamed) when the team turned it on", async () => {
    const json = await on.fetch("/v1/chat/completions", {
      json: { model: "small", messages: [{ role: "user", content: "log me" }] },
      headers: { "x-request-id": "content-json" },
    });
    const answer = ((await json.json()) as { choices: { message: { content: string } }[] })
      .choices[0]?.message.content;
    const entry = await entryOf(on, "content-json");
    expect(entry.promptText).toBe("user: log me");
    expect(entry.completionText).toBe(answer);

    const stream = await on.fetch("/v1/chat/completions", {
      json: { model: "small", stream: true, messages: [{ role: "user", content: "stream me" }] },
      headers: { "x-request-id": "content-stream" },
    });
    let streamed = "";
    for (const frame of (await stream.text()).split("\n\n")) {
      if (!frame.startsWith("data: {")) continue;
      const chunk = JSON.parse(frame.slice(6)) as { choices: { delta: { content?: string } }[] };
      streamed += chunk.choices[0]?.delta.content ?? "";
    }
    const streamedEntry = await entryOf(on, "content-stream");
    expect(streamedEntry.promptText).toBe("user: stream me");
    expect(streamedEntry.completionText).toBe(streamed);
    expect(streamed.length).toBeGreaterThan(0);
  });
});
