import { describe, expect, it, vi } from "vitest";
import { authorizeCredentials } from "./credentials";

const user = { id: "u1", email: "admin@switchyard.local", name: "Admin", sessionEpoch: 0 };

describe("authorizeCredentials", () => {
  it("normalises the email and returns what the check returns", async () => {
    const check = vi.fn(async () => user);
    const result = await authorizeCredentials(
      { email: "  Admin@Switchyard.LOCAL ", password: "pw" },
      check,
    );
    expect(result).toEqual(user);
    expect(check).toHaveBeenCalledWith("admin@switchyard.local", "pw");
  });

  it("returns null when the check rejects the password", async () => {
    const result = await authorizeCredentials(
      { email: "admin@switchyard.local", password: "wrong" },
      async () => null,
    );
    expect(result).toBeNull();
  });

  it.each([
    undefined,
    {},
    { email: "not-an-email", password: "x" },
    { email: "a@b.co", password: "" },
  ])("rejects malformed input %o without a lookup", async (raw) => {
    const check = vi.fn(async () => user);
    expect(await authorizeCredentials(raw, check)).toBeNull();
    expect(check).not.toHaveBeenCalled();
  });
});
