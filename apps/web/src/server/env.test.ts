import path from "node:path";
import { StartupError } from "@switchyard/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_OWNER_EMAIL, DEFAULT_OWNER_PASSWORD, parseEnv } from "./env";

const repoRoot = "/srv/switchyard";
const key = Buffer.alloc(32, 7).toString("base64");
const parse = (source: Record<string, string | undefined>) => parseEnv(source, { repoRoot });

function errorOf(source: Record<string, string | undefined>): StartupError {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("applies the documented defaults to an empty environment", () => {
    const env = parse({});
    expect(env).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
      host: "127.0.0.1",
      dataDir: path.join(repoRoot, ".switchyard"),
      embeddedPgPort: 54329,
      mockPort: 4010,
      ownerEmail: DEFAULT_OWNER_EMAIL,
      ownerPassword: DEFAULT_OWNER_PASSWORD,
      ownerPasswordIsDefault: true,
      logLevel: "info",
      maxBodyBytes: 4 * 1024 * 1024,
      nextAuthSecret: undefined,
      encryptionKey: undefined,
      allowedPrivateHosts: [],
      trustedProxyHops: 0,
      retrainIntervalMs: 3_600_000,
    });
  });

  it("reads how many reverse proxies to trust, and refuses anything but one digit", () => {
    expect(parse({ SWITCHYARD_TRUSTED_PROXY_HOPS: "2" }).trustedProxyHops).toBe(2);
    expect(errorOf({ SWITCHYARD_TRUSTED_PROXY_HOPS: "yes" }).message).toMatch(
      /SWITCHYARD_TRUSTED_PROXY_HOPS must be a whole number from 0 to 9/,
    );
  });

  it("reads the private-address allowlist and refuses a bad entry", () => {
    expect(
      parse({ SWITCHYARD_ALLOWED_PRIVATE_HOSTS: "ollama.lan:11434, 10.0.0.0/8" })
        .allowedPrivateHosts,
    ).toEqual(["ollama.lan:11434", "10.0.0.0/8"]);
    expect(errorOf({ SWITCHYARD_ALLOWED_PRIVATE_HOSTS: "127.0.0.1:0" }).message).toMatch(
      /^Invalid configuration: SWITCHYARD_ALLOWED_PRIVATE_HOSTS: "127\.0\.0\.1:0": the port must be 1-65535/,
    );
  });

  it("reads given values and treats blank ones as unset", () => {
    const env = parse({
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/app",
      PORT: "8080",
      HOST: "0.0.0.0",
      SWITCHYARD_MOCK_PORT: "0",
      SWITCHYARD_DATA_DIR: "/var/lib/switchyard",
      SWITCHYARD_OWNER_EMAIL: "Owner@Example.COM",
      SWITCHYARD_OWNER_PASSWORD: "a-long-password",
      SWITCHYARD_ENCRYPTION_KEY: key,
      LOG_LEVEL: "debug",
      NEXTAUTH_SECRET: "  ",
    });
    expect(env).toMatchObject({
      databaseUrl: "postgres://postgres@127.0.0.1:5432/app",
      port: 8080,
      host: "0.0.0.0",
      mockPort: 0,
      dataDir: "/var/lib/switchyard",
      ownerEmail: "owner@example.com",
      ownerPassword: "a-long-password",
      ownerPasswordIsDefault: false,
      encryptionKey: key,
      logLevel: "debug",
      nextAuthSecret: undefined,
    });
  });

  it("resolves a relative data directory against the repository root", () => {
    expect(parse({ SWITCHYARD_DATA_DIR: "data" }).dataDir).toBe(path.join(repoRoot, "data"));
  });

  it.each([
    [
      { PORT: "abc" },
      /^Invalid configuration: PORT must be a whole number between 0 and 65535 \(got "abc"\)/,
    ],
    [{ PORT: "70000" }, /PORT must be a whole number between 0 and 65535/],
    [
      { DATABASE_URL: "mysql://x@y/z" },
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    ],
    [{ NEXTAUTH_SECRET: "short" }, /NEXTAUTH_SECRET must be at least 32 characters/],
    [
      { SWITCHYARD_ENCRYPTION_KEY: "xyz" },
      /SWITCHYARD_ENCRYPTION_KEY must be 32 bytes encoded as base64/,
    ],
    [{ SWITCHYARD_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }, /must be 32 bytes/],
    [{ SWITCHYARD_DEMO_KEY: "sk-demo" }, /SWITCHYARD_DEMO_KEY must look like sk-sy-/],
    [{ SWITCHYARD_OWNER_EMAIL: "not-an-email" }, /SWITCHYARD_OWNER_EMAIL must be an email address/],
    [
      { SWITCHYARD_OWNER_PASSWORD: "short" },
      /SWITCHYARD_OWNER_PASSWORD must be at least 8 characters/,
    ],
    [
      { LOG_LEVEL: "loud" },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
    [{ SWITCHYARD_MAX_BODY_BYTES: "12" }, /SWITCHYARD_MAX_BODY_BYTES must be at least 1024/],
    [{ NEXTAUTH_URL: "localhost:3000" }, /NEXTAUTH_URL must be an http:\/\/ or https:\/\/ URL/],
  ])("rejects %o with a one-line message", (source, message) => {
    const error = errorOf(source);
    expect(error.code).toBe("invalid_env");
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
    expect(error.message).toMatch(/See apps\/web\/ENV\.md\.$/);
  });

  it("never echoes secret values in its messages", () => {
    const error = errorOf({ NEXTAUTH_SECRET: "tooshortsecret" });
    expect(error.message).not.toContain("tooshortsecret");
    const databaseError = errorOf({ DATABASE_URL: "mysql://user:hunter2@db/x" });
    expect(databaseError.message).not.toContain("hunter2");
  });
});
