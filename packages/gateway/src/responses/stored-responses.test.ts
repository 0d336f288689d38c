/**
 * Stored responses through the gateway with the official SDK: store (the default) then GET, DELETE,
 * input_items, previous_response_id chains (across an OpenAI-style and an Anthropic upstream),
 * per-team isolation, the team's storage switch and retention.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKey, makeTeam } from "../testing/fakes";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";
import { NOT_STORED_NOTE } from "./responses-call";

const OTHER_KEY = "sk-sy-other-team-0123456789";
const NO_STORE_KEY = "sk-sy-no-store-0123456789";
const WAIT_MS = 400;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    options: { storedResponsesWaitMs: WAIT_MS, storedResponsesSweepMs: 0 },
  });
  const other = makeTeam({ id: "team_2", slug: "other" });
  const noStore = makeTeam({ id: "team_3", slug: "nostore", responseStorage: false });
  h.keys.add(OTHER_KEY, makeKey(other, { id: "key_2" }));
  h.keys.add(NO_STORE_KEY, makeKey(noStore, { id: "key_3" }));
  h.config.snapshot.teams.push(other, noStore);
  await h.gateway.reload();
});
afterAll(async () => {
  await h.close();
});

const client = (apiKey = TEST_KEY, url = h.server.url) =>
  new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 });

/** `store` is in the body (the SDK's Response type does not name it). */
const storeOf = (response: unknown) => (response as { store?: unknown }).store;

const stored = (id: string) => waitFor(() => h.responses.rows.has(id));

describe("stored responses", () => {
  it("stores by default: GET answers the same Response object as the create call", async () => {
    const created = await client().responses.create({
      model: "small",
      instructions: "Be brief.",
      input: "Say hello.",
      metadata: { topic: "greeting" },
    });
    expect(storeOf(created)).toBe(true);
    expect(created.id).toMatch(/^resp_[0-9a-f]{52}$/);
    const fetched = await client().responses.retrieve(created.id);
    expect(fetched).toEqual(created);
    await stored(created.id);
    expect(await client().responses.retrieve(created.id)).toEqual(created);
  });

  it("stores a streamed response once complete, as response.completed carried it", async () => {
    const stream = await client().responses.create({
      model: "claude",
      input: "Tell me a story.",
      stream: true,
    });
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream)
      if (event.type === "response.completed") completed = event.response;
    expect(storeOf(completed)).toBe(true);
    const id = completed?.id ?? "";
    await stored(id);
    // The SDK adds output_text to what it retrieves; the stored object is the completed one.
    const { output_text, ...fetched } = await client().responses.retrieve(id);
    expect(fetched).toEqual(JSON.parse(JSON.stringify(completed)));
    expect(output_text.length).toBeGreaterThan(0);
  });

  it("DELETE answers { id, object, deleted } and the response is gone (404 in OpenAI's shape)", async () => {
    const created = await client().responses.create({ model: "small", input: "Forget me." });
    await stored(created.id);
    const deleted = await h.fetch(`/v1/responses/${created.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: created.id, object: "response", deleted: true });
    expect(h.responses.rows.has(created.id)).toBe(false);
    const gone = await h.fetch(`/v1/responses/${created.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({
      error: {
        message: `Response with id '${created.id}' not found.`,
        type: "invalid_request_error",
      },
    });
    await expect(client().responses.delete(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("store: false answers store false and keeps nothing", async () => {
    const created = await client().responses.create({
      model: "small",
      input: "Not kept.",
      store: false,
    });
    expect(storeOf(created)).toBe(false);
    const started = Date.now();
    await expect(client().responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    // A miss on an id this recent is looked for again (another instance may be writing it).
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 20);
    expect(h.responses.rows.has(created.id)).toBe(false);
  });

  it("lists a response's input items, newest first by default, with ids", async () => {
    const first = await client().responses.create({ model: "small", input: "One." });
    const second = await client().responses.create({
      model: "small",
      input: [{ role: "user", content: "Two." }],
      previous_response_id: first.id,
    });
    const page = await client().responses.inputItems.list(second.id);
    const texts = page.data.map((item) =>
      item.type === "message" ? (item.content[0] as { text: string }).text : item.type,
    );
    expect(texts).toEqual(["Two.", first.output_text, "One."]);
    expect(page.data.every((item) => typeof item.id === "string" && item.id.length > 0)).toBe(true);
    const asc = await client().responses.inputItems.list(second.id, { order: "asc", limit: 1 });
    expect(asc.data.map((item) => item.id)).toEqual([page.data[2]?.id]);
    expect(asc.has_more).toBe(true);
    // The WHATWG adapter (the Next.js route file) passes the query and the /api prefix along.
    const web = await h.gateway.handleWeb(
      new Request(`http://localhost/api/v1/responses/${second.id}/input_items?order=asc&limit=2`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      }),
    );
    expect(web.status).toBe(200);
    const listed = (await web.json()) as { data: { id: string }[]; has_more: boolean };
    expect(listed.data.map((item) => item.id)).toEqual([page.data[2]?.id, page.data[1]?.id]);
    expect(listed.has_more).toBe(true);
    const deleted = await h.gateway.handleWeb(
      new Request(`http://localhost/api/v1/responses/${first.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${TEST_KEY}` },
      }),
    );
    expect(await deleted.json()).toEqual({ id: first.id, object: "response", deleted: true });
  });
});

describe("previous_response_id", () => {
  it("continues a conversation on another provider: earlier items prepended, instructions not", async () => {
    const first = await client().responses.create({
      model: "small",
      instructions: "Answer like a pirate, at great length, every time.",
      input: "What is the capital of France?",
    });
    const second = await client().responses.create({
      model: "claude",
      input: "And of Italy?",
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.instructions).toBeNull();
    // The same conversation sent whole, statelessly: the upstream counted the same prompt.
    const whole = await client().responses.create({
      model: "claude",
      input: [
        { role: "user", content: "What is the capital of France?" },
        { role: "assistant", content: first.output_text },
        { role: "user", content: "And of Italy?" },
      ],
      store: false,
    });
    expect(second.usage?.input_tokens).toBe(whole.usage?.input_tokens);
    const alone = await client().responses.create({
      model: "claude",
      input: "And of Italy?",
      store: false,
    });
    expect(second.usage?.input_tokens ?? 0).toBeGreaterThan(alone.usage?.input_tokens ?? 0);
    // A third turn, streamed, goes back to the OpenAI-style upstream with the whole chain.
    const stream = await client().responses.create({
      model: "small",
      input: "And of Spain?",
      previous_response_id: second.id,
      stream: true,
    });
    let third: OpenAI.Responses.Response | undefined;
    for await (const event of stream)
      if (event.type === "response.completed") third = event.response;
    expect(third?.previous_response_id).toBe(second.id);
    const items = await client().responses.inputItems.list(third?.id ?? "", { order: "asc" });
    expect(items.data.map((item) => (item.type === "message" ? item.role : item.type))).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
  });

  it("carries a function call from an OpenAI-style turn to an Anthropic turn's tool result", async () => {
    const weather = {
      type: "function" as const,
      name: "get_weather",
      parameters: {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
      },
      strict: false,
    };
    const first = await client().responses.create({
      model: "small",
      input: "Weather in Paris?",
      tools: [weather],
      tool_choice: "required",
    });
    const call = first.output.find((item) => item.type === "function_call");
    if (call?.type !== "function_call") throw new Error("no function call");
    const second = await client().responses.create({
      model: "claude",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: '{"temp_c":18}' }],
      tools: [weather],
    });
    expect(second.status).toBe("completed");
    expect(second.output_text.length).toBeGreaterThan(0);
  });

  it("an unknown id is a 400 naming previous_response_id", async () => {
    const response = await h.fetch("/v1/responses", {
      json: { model: "small", input: "x", previous_response_id: "resp_unknown" },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "previous_response_not_found",
        param: "previous_response_id",
        message: "Previous response with id 'resp_unknown' not found.",
      },
    });
  });
});

describe("per team", () => {
  it("another team's keys cannot read, continue or delete a response", async () => {
    const created = await client().responses.create({ model: "small", input: "Team A's." });
    await stored(created.id);
    const other = client(OTHER_KEY);
    await expect(other.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.responses.inputItems.list(created.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      other.responses.create({ model: "small", input: "x", previous_response_id: created.id }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(other.responses.delete(created.id)).rejects.toMatchObject({ status: 404 });
    expect((await client().responses.retrieve(created.id)).id).toBe(created.id);
  });

  it("a team that does not keep responses is answered, not stored, with a note", async () => {
    const response = await fetch(`${h.server.url}/v1/responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${NO_STORE_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "small", input: "Keep this?", store: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-note")).toBe(NOT_STORED_NOTE);
    const body = (await response.json()) as { id: string; store: boolean };
    expect(body.store).toBe(false);
    await expect(client(NO_STORE_KEY).responses.retrieve(body.id)).rejects.toMatchObject({
      status: 404,
    });
    expect(h.responses.rows.has(body.id)).toBe(false);
  });

  it("keeps a response for the team's retention, and never serves it after", async () => {
    const created = await client().responses.create({ model: "small", input: "Expiring." });
    await stored(created.id);
    const row = h.responses.rows.get(created.id);
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(30 * 86_400_000);
    if (row) row.expiresAt = new Date(Date.now() - 1);
    await expect(client().responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      client().responses.create({ model: "small", input: "x", previous_response_id: created.id }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
