import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateSecrets, SECRETS_FILE } from "./secrets";
import { StartupError } from "./startup-error";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "switchyard-secrets-"));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("loadOrCreateSecrets", () => {
  it("creates every secret on first start and saves them with owner-only permissions", async () => {
    const nested = path.join(dataDir, "nested");
    const secrets = await loadOrCreateSecrets(nested);
    expect(secrets.created.sort()).toEqual(["demoKey", "encryptionKey", "nextAuthSecret"]);
    expect(secrets.nextAuthSecret.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(secrets.encryptionKey, "base64")).toHaveLength(32);
    expect(secrets.demoKey).toMatch(/^sk-sy-[A-Za-z0-9]{32}$/);

    const file = path.join(nested, SECRETS_FILE);
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(saved).toEqual({
      nextAuthSecret: secrets.nextAuthSecret,
      encryptionKey: secrets.encryptionKey,
      demoKey: secrets.demoKey,
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("reuses the saved secrets on the next start", async () => {
    const first = await loadOrCreateSecrets(dataDir);
    const second = await loadOrCreateSecrets(dataDir);
    expect(second.created).toEqual([]);
    expect(second).toMatchObject({
      nextAuthSecret: first.nextAuthSecret,
      encryptionKey: first.encryptionKey,
      demoKey: first.demoKey,
    });
  });

  it("prefers values from the environment and does not write them to the file", async () => {
    const overrides = {
      nextAuthSecret: "n".repeat(40),
      encryptionKey: Buffer.alloc(32, 3).toString("base64"),
      demoKey: "sk-sy-givenByEnv0123456789abcdef",
    };
    const secrets = await loadOrCreateSecrets(dataDir, overrides);
    expect(secrets).toMatchObject(overrides);
    expect(secrets.created).toEqual([]);
    await expect(stat(path.join(dataDir, SECRETS_FILE))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("fills in only what is missing from an existing file", async () => {
    const file = path.join(dataDir, SECRETS_FILE);
    await writeFile(file, JSON.stringify({ demoKey: "sk-sy-keptAcrossRestarts123" }));
    const secrets = await loadOrCreateSecrets(dataDir);
    expect(secrets.demoKey).toBe("sk-sy-keptAcrossRestarts123");
    expect(secrets.created.sort()).toEqual(["encryptionKey", "nextAuthSecret"]);
    expect(JSON.parse(await readFile(file, "utf8")).demoKey).toBe("sk-sy-keptAcrossRestarts123");
  });

  it.each([
    ["{ not json", /secrets\.json is not valid JSON: fix it, or delete it/],
    [JSON.stringify({ encryptionKey: "nope" }), /secrets\.json has an invalid encryptionKey/],
  ])("refuses a damaged file %s with a one-line StartupError", async (content, message) => {
    await writeFile(path.join(dataDir, SECRETS_FILE), content);
    const error = await loadOrCreateSecrets(dataDir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).message).toMatch(message);
    expect((error as StartupError).message).not.toContain("\n");
  });
});
