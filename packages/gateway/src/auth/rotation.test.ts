import { hashApiKey } from "@switchyard/core";
import { afterEach, describe, expect, it } from "vitest";
import { makeKey, makeTeam } from "../testing/fakes";
import { type Harness, startHarness } from "../testing/harness";

const HOUR = 3_600_000;
const body = { model: "small", messages: [{ role: "user", content: "hi" }] };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Rotates the key held under `oldSecret` as the key store does: the new secret finds the key;
 * the old one finds it with `secretExpiresAt` (or nothing without a grace period). Then the
 * change feed tells the gateways about both hashes, as the management API does.
 */
async function rotate(harness: Harness, oldSecret: string, newSecret: string, until: Date | null) {
  const oldHash = hashApiKey(oldSecret);
  const key = harness.keys.byHash.get(oldHash);
  if (key === undefined) throw new Error("no such key");
  harness.keys.byHash.set(hashApiKey(newSecret), { ...key, secretExpiresAt: null });
  if (until === null) harness.keys.byHash.delete(oldHash);
  else harness.keys.byHash.set(oldHash, { ...key, secretExpiresAt: until });
  await harness.changes.publish({ topic: "keys", id: oldHash });
  await harness.changes.publish({ topic: "keys", id: hashApiKey(newSecret) });
}

async function call(harness: Harness, secret: string) {
  const response = await harness.fetch("/v1/chat/completions", {
    json: body,
    headers: { authorization: `Bearer ${secret}` },
  });
  const payload = (await response.json()) as { error?: { message: string; type: string } };
  return { status: response.status, error: payload.error };
}

describe("a rotated key", () => {
  it("accepts the old secret during its grace period and refuses it as invalid after", async () => {
    let now = Date.parse("2026-12-07T12:00:00Z");
    h = await startHarness({ clock: () => now });
    const team = makeTeam({ defaultModel: "small" });
    h.keys.add("sk-sy-old-secret-000000001", makeKey(team, { id: "key_rotated" }));
    expect((await call(h, "sk-sy-old-secret-000000001")).status).toBe(200);

    await rotate(
      h,
      "sk-sy-old-secret-000000001",
      "sk-sy-new-secret-000000001",
      new Date(now + HOUR),
    );
    expect((await call(h, "sk-sy-new-secret-000000001")).status).toBe(200);
    now += HOUR - 1_000;
    expect((await call(h, "sk-sy-old-secret-000000001")).status).toBe(200);
    const lookups = h.keys.lookups;
    now += 1_000;
    // Enforced at request time from the cached entry: no lookup needed to refuse it.
    const refused = await call(h, "sk-sy-old-secret-000000001");
    expect(refused.status).toBe(401);
    const unknown = await call(h, "sk-sy-never-issued-0000001");
    expect(refused.error).toEqual(unknown.error);
    expect(refused.error?.message).toBe("Invalid API key.");
    expect(h.keys.lookups).toBe(lookups + 1); // the unknown key only
    expect((await call(h, "sk-sy-new-secret-000000001")).status).toBe(200);
  });

  it("refuses the old secret at once when rotated without a grace period", async () => {
    h = await startHarness();
    const team = makeTeam({ defaultModel: "small" });
    h.keys.add("sk-sy-old-secret-000000002", makeKey(team, { id: "key_rotated_now" }));
    expect((await call(h, "sk-sy-old-secret-000000002")).status).toBe(200);
    await rotate(h, "sk-sy-old-secret-000000002", "sk-sy-new-secret-000000002", null);
    expect((await call(h, "sk-sy-old-secret-000000002")).status).toBe(401);
    expect((await call(h, "sk-sy-new-secret-000000002")).status).toBe(200);
  });

  it("keeps serving the same key: its requests carry its id whichever secret is used", async () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    h = await startHarness({ clock: () => now });
    const team = makeTeam({ defaultModel: "small" });
    h.keys.add("sk-sy-old-secret-000000003", makeKey(team, { id: "key_same" }));
    await rotate(
      h,
      "sk-sy-old-secret-000000003",
      "sk-sy-new-secret-000000003",
      new Date(now + HOUR),
    );
    await call(h, "sk-sy-old-secret-000000003");
    await call(h, "sk-sy-new-secret-000000003");
    const entries = await h.flushedEntries();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(entries.filter((entry) => entry.apiKeyId === "key_same")).toHaveLength(2);
  });
});
