import { describe, expect, it } from "vitest";
import { collectTags, TAG_BOUNDS } from "./request-tags";
import { toRoutingRequest } from "./routing-request";

describe("collectTags", () => {
  it("merges task, metadata, user, header and key tags in that order, without repeats", () => {
    expect(
      collectTags({
        task: "code",
        metadata: { task: "code", feature: "search", tier: "gold" },
        user: "u-42",
        header: " env:prod , tier:gold,,team-a ",
        keyTags: ["app:billing", "env:prod"],
      }),
    ).toEqual([
      "task:code",
      "feature:search",
      "tier:gold",
      "user:u-42",
      "env:prod",
      "team-a",
      "app:billing",
    ]);
  });

  it("has no tags when nothing declares any", () => {
    expect(collectTags({})).toEqual([]);
    expect(collectTags({ metadata: null, user: null, keyTags: [] })).toEqual([]);
  });

  it("ignores metadata entries past the bounds instead of refusing the request", () => {
    const metadata: Record<string, unknown> = {
      ["k".repeat(TAG_BOUNDS.metadataKeyChars + 1)]: "too long a key",
      long: "v".repeat(TAG_BOUNDS.metadataValueChars + 1),
      number: 3,
      nested: { a: "b" },
      empty: "  ",
      ok: "yes",
    };
    expect(collectTags({ metadata })).toEqual(["ok:yes"]);
    expect(
      collectTags({ metadata: { ["k".repeat(TAG_BOUNDS.metadataKeyChars)]: "v".repeat(128) } }),
    ).toEqual([`${"k".repeat(64)}:${"v".repeat(128)}`]);
  });

  it("reads only the first 16 metadata entries", () => {
    const metadata = Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [`m${index}`, "x"]),
    );
    const tags = collectTags({ metadata });
    expect(tags).toHaveLength(TAG_BOUNDS.metadataEntries);
    expect(tags.at(-1)).toBe("m15:x");
  });

  it("reads up to 16 header tags (a repeated header counts as one list) and drops over-long ones", () => {
    const many = Array.from({ length: 20 }, (_, index) => `h${index}`).join(",");
    expect(collectTags({ header: many })).toHaveLength(TAG_BOUNDS.headerTags);
    expect(collectTags({ header: ["a,b", "c"] })).toEqual(["a", "b", "c"]);
    expect(collectTags({ header: `${"x".repeat(TAG_BOUNDS.tagChars + 1)},short` })).toEqual([
      "short",
    ]);
  });

  it("caps a request at 32 tags, the key's defaults last", () => {
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`m${i}`, "x"]));
    const header = Array.from({ length: 16 }, (_, i) => `h${i}`).join(",");
    const tags = collectTags({ task: "t", metadata, header, keyTags: ["key:default"] });
    expect(tags).toHaveLength(TAG_BOUNDS.total);
    expect(tags).not.toContain("key:default");
  });

  it("drops an over-long user or task", () => {
    const long = "u".repeat(TAG_BOUNDS.metadataValueChars + 1);
    expect(collectTags({ user: long, task: long })).toEqual([]);
  });
});

describe("toRoutingRequest", () => {
  it("hands the request's tags to the router", () => {
    const routing = toRoutingRequest(
      { model: "m", messages: [{ role: "user", content: "hi" }] },
      { requestedModel: "m", keyId: "k", teamId: "t", task: undefined, tags: ["a:b", "user:u"] },
    );
    expect(routing.tags).toEqual(["a:b", "user:u"]);
  });
});
