import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress", () => {
  it("is the peer the server saw, whatever X-Forwarded-For claims", () => {
    const sent = headers({
      [PEER_ADDRESS_HEADER]: "::ffff:198.51.100.7",
      "x-forwarded-for": "1.2.3.4",
    });
    expect(clientAddress(sent)).toBe("198.51.100.7");
    expect(clientAddress(headers({}))).toBeNull();
  });

  it("is taken from the trusted proxies' X-Forwarded-For entries, from the right", () => {
    const sent = headers({
      [PEER_ADDRESS_HEADER]: "10.0.0.2",
      "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.1",
    });
    expect(clientAddress(sent, 1)).toBe("10.0.0.1");
    expect(clientAddress(sent, 2)).toBe("203.0.113.5");
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2" }), 1)).toBe("10.0.0.2");
  });
});
