import type { OutcomeRecord, RequestLogEntry } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { MemoryOutcomeStore, MemoryRequestLogReader } from "./memory-outcomes";

const outcome = (overrides: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
  teamId: "t1",
  policyId: "p1",
  requestId: "r1",
  source: "feedback",
  sourceId: "key:k1",
  tags: [],
  features: null,
  promptText: null,
  grades: { small: { quality: 1 } },
  comment: null,
  createdAt: new Date("2026-12-01T10:00:00Z"),
  ...overrides,
});

describe("MemoryOutcomeStore", () => {
  it("replaces the outcome with the same request, source and grader, keeps the others", async () => {
    const store = new MemoryOutcomeStore();
    await store.upsert(outcome());
    await store.upsert(outcome({ grades: { small: { quality: 0 } }, comment: "no" }));
    await store.upsert(outcome({ sourceId: "key:k2" }));
    await store.upsert(outcome({ source: "calibration", sourceId: "judge:big" }));
    const listed = await store.list("t1");
    expect(listed).toHaveLength(3);
    expect(listed.find((o) => o.sourceId === "key:k1")).toMatchObject({
      grades: { small: { quality: 0 } },
      comment: "no",
    });
  });

  it("lists a team's outcomes newest first, of one policy, at most `limit`, as copies", async () => {
    const store = new MemoryOutcomeStore();
    const at = (hour: number) => new Date(Date.UTC(2026, 11, 1, hour));
    await store.upsert(outcome({ requestId: "a", createdAt: at(1) }));
    await store.upsert(outcome({ requestId: "b", createdAt: at(3), policyId: "p2" }));
    await store.upsert(outcome({ requestId: "c", createdAt: at(2) }));
    await store.upsert(outcome({ requestId: "d", teamId: "t2", createdAt: at(4) }));
    const ids = async (options?: { policyId?: string; limit?: number }) =>
      (await store.list("t1", options)).map((o) => o.requestId);
    expect(await ids()).toEqual(["b", "c", "a"]);
    expect(await ids({ policyId: "p1" })).toEqual(["c", "a"]);
    expect(await ids({ limit: 1 })).toEqual(["b"]);
    const [first] = await store.list("t1");
    if (first === undefined) throw new Error("no outcome");
    first.tags.push("mutated");
    expect((await store.list("t1"))[0]?.tags).toEqual([]);
  });
});

describe("MemoryRequestLogReader", () => {
  it("finds a row of the team only, with its version's policy", async () => {
    const entries = [
      {
        id: "r1",
        teamId: "t1",
        apiKeyId: "k1",
        policyVersionId: "pv1",
        routedModel: "small",
        status: "ok",
        tags: ["a:b"],
        promptText: null,
        createdAt: new Date("2026-12-01T10:00:00Z"),
      } as RequestLogEntry,
    ];
    const reader = new MemoryRequestLogReader(entries, new Map([["pv1", "p1"]]));
    expect(await reader.findRequest("t1", "r1")).toMatchObject({
      policyId: "p1",
      routedModel: "small",
      tags: ["a:b"],
      routingFeatures: null,
    });
    expect(await reader.findRequest("t2", "r1")).toBeNull();
    expect(await reader.findRequest("t1", "r2")).toBeNull();
  });
});
