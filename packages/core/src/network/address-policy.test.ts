import { describe, expect, it } from "vitest";
import {
  checkAddress,
  checkHostname,
  classifyAddress,
  denyPrivateAddresses,
  internalNameCategory,
  parseAddressPolicy,
} from "./address-policy";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["100.64.0.1", "carrier-grade-nat"],
    ["100.127.255.255", "carrier-grade-nat"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "multicast"],
    ["240.0.0.1", "reserved"],
    ["not an address", "reserved"],
  ])("%s is %s", (address, category) => {
    expect(classifyAddress(address)).toBe(category);
  });

  it("sees the IPv4 address inside IPv6 forms (mapped, NAT64, 6to4, compatible)", () => {
    expect(classifyAddress("::ffff:127.0.0.1")).toBe("loopback");
    expect(classifyAddress("::ffff:7f00:1")).toBe("loopback");
    expect(classifyAddress("[::ffff:169.254.169.254]")).toBe("metadata");
    expect(classifyAddress("::ffff:10.0.0.1")).toBe("private");
    expect(classifyAddress("::ffff:8.8.8.8")).toBe("public");
    expect(classifyAddress("64:ff9b::a9fe:a9fe")).toBe("metadata");
    expect(classifyAddress("2002:7f00:1::")).toBe("loopback");
    expect(classifyAddress("::7f00:1")).toBe("reserved");
  });

  it("keeps 172.15 and 172.32 public (outside 172.16/12)", () => {
    expect(classifyAddress("172.15.255.255")).toBe("public");
    expect(classifyAddress("172.32.0.1")).toBe("public");
  });
});

describe("parseAddressPolicy", () => {
  it("reads hosts, wildcards, addresses, CIDR ranges and ports", () => {
    const policy = parseAddressPolicy(
      " vllm.internal, *.corp.example:8000 ,10.0.0.0/8,127.0.0.1:4010,[::1]:11434,fd00::/8,",
    );
    expect(policy.allowAll).toBe(false);
    expect(policy.entries).toHaveLength(6);
  });

  it("'*' allows everything", () => {
    expect(parseAddressPolicy("*").allowAll).toBe(true);
    expect(checkAddress(parseAddressPolicy("*"), "169.254.169.254", 80).allowed).toBe(true);
  });

  it.each([
    ["10.0.0.0/33", /CIDR/],
    ["127.0.0.1:0", /port/],
    ["127.0.0.1:99999", /port/],
    ["host:abc", /port/],
    ["bad host!", /not a hostname/],
  ])("rejects %s", (entry, message) => {
    expect(() => parseAddressPolicy(entry)).toThrow(message);
  });

  it("is empty for an empty list", () => {
    expect(parseAddressPolicy("").entries).toEqual([]);
    expect(parseAddressPolicy([]).entries).toEqual([]);
  });
});

describe("checkAddress", () => {
  const policy = parseAddressPolicy([
    "10.0.0.0/8",
    "127.0.0.1:4010",
    "[::1]:11434",
    "ollama.lan",
    "*.corp.example:8000",
  ]);

  it("allows public addresses without any allowlist", () => {
    expect(checkAddress(denyPrivateAddresses, "93.184.216.34", 443)).toEqual({ allowed: true });
  });

  it("denies every internal kind by default, naming the kind", () => {
    for (const [address, category] of [
      ["127.0.0.1", "loopback"],
      ["169.254.169.254", "metadata"],
      ["10.0.0.5", "private"],
      ["::ffff:127.0.0.1", "loopback"],
      ["0.0.0.0", "unspecified"],
    ] as const) {
      expect(checkAddress(denyPrivateAddresses, address, 80)).toEqual({
        allowed: false,
        category,
      });
    }
  });

  it("allows what the allowlist names, on the port it names", () => {
    expect(checkAddress(policy, "10.9.8.7", 443).allowed).toBe(true);
    expect(checkAddress(policy, "::ffff:10.9.8.7", 443).allowed).toBe(true);
    expect(checkAddress(policy, "127.0.0.1", 4010).allowed).toBe(true);
    expect(checkAddress(policy, "127.0.0.1", 6379)).toEqual({
      allowed: false,
      category: "loopback",
    });
    expect(checkAddress(policy, "::1", 11434).allowed).toBe(true);
    expect(checkAddress(policy, "::1", 22).allowed).toBe(false);
    expect(checkAddress(policy, "172.16.0.1", 443).allowed).toBe(false);
  });

  it("allows whatever an allowlisted name resolves to", () => {
    expect(checkAddress(policy, "192.168.1.20", 11434, "ollama.lan").allowed).toBe(true);
    expect(checkAddress(policy, "192.168.1.20", 11434, "OLLAMA.LAN.").allowed).toBe(true);
    expect(checkAddress(policy, "192.168.1.20", 8000, "gpu.corp.example").allowed).toBe(true);
    expect(checkAddress(policy, "192.168.1.20", 8001, "gpu.corp.example").allowed).toBe(false);
    expect(checkAddress(policy, "192.168.1.20", 8000, "corp.example").allowed).toBe(false);
    expect(checkAddress(policy, "192.168.1.20", 80, "evil.example").allowed).toBe(false);
  });
});

describe("checkHostname", () => {
  it("decides IP literals and allowlisted names without DNS", () => {
    expect(checkHostname(denyPrivateAddresses, "169.254.169.254", 80)).toEqual({
      allowed: false,
      category: "metadata",
    });
    expect(checkHostname(denyPrivateAddresses, "[::1]", 80)).toEqual({
      allowed: false,
      category: "loopback",
    });
    expect(checkHostname(parseAddressPolicy("localhost"), "localhost", 80)).toEqual({
      allowed: true,
    });
  });

  it("leaves other names to a lookup", () => {
    expect(checkHostname(denyPrivateAddresses, "api.openai.com", 443)).toBeUndefined();
    expect(checkHostname(denyPrivateAddresses, "localhost", 443)).toBeUndefined();
  });
});

describe("internalNameCategory", () => {
  it("knows localhost and the metadata services' names", () => {
    expect(internalNameCategory("localhost")).toBe("loopback");
    expect(internalNameCategory("api.localhost.")).toBe("loopback");
    expect(internalNameCategory("metadata.google.internal")).toBe("metadata");
    expect(internalNameCategory("METADATA.GOOG")).toBe("metadata");
    expect(internalNameCategory("api.openai.com")).toBeNull();
  });
});
