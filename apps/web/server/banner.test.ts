import { describe, expect, it } from "vitest";
import { formatBanner, publicUrl, redactDatabaseUrl } from "./banner";

describe("banner", () => {
  const input = {
    consoleUrl: "http://127.0.0.1:3000",
    ownerEmail: "admin@switchyard.local",
    ownerPassword: "switchyard-demo",
    passwordIsDefault: true,
    demoKey: "sk-sy-demo-abcdefghijklmnopqrstuvwxyz",
    database: "embedded PostgreSQL",
  };

  it("prints the console, the login and a curl that uses the demo key and switchyard/auto", () => {
    const text = formatBanner(input);
    expect(text).toContain("Console   http://127.0.0.1:3000");
    expect(text).toContain("Log in    admin@switchyard.local / switchyard-demo");
    expect(text).toContain("curl -si http://127.0.0.1:3000/v1/chat/completions");
    expect(text).toContain('-H "Authorization: Bearer sk-sy-demo-abcdefghijklmnopqrstuvwxyz"');
    const body = text.match(/-d '(.*)'/)?.[1];
    expect(JSON.parse(body ?? "")).toMatchObject({ model: "switchyard/auto" });
  });

  it("does not print a password the operator chose", () => {
    const text = formatBanner({
      ...input,
      ownerPassword: "my-secret-pass",
      passwordIsDefault: false,
    });
    expect(text).not.toContain("my-secret-pass");
    expect(text).toContain("(the SWITCHYARD_OWNER_PASSWORD you set)");
  });

  it("shows a reachable URL for wildcard and IPv6 hosts", () => {
    expect(publicUrl("0.0.0.0", 3000)).toBe("http://localhost:3000");
    expect(publicUrl("::1", 8080)).toBe("http://[::1]:8080");
    expect(publicUrl("127.0.0.1", 3000)).toBe("http://127.0.0.1:3000");
  });

  it("hides the database password", () => {
    expect(redactDatabaseUrl("postgres://app:hunter2@db:5432/switchyard")).toBe(
      "postgres://app@db:5432/switchyard",
    );
  });
});
