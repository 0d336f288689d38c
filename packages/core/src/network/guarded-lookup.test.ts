import { createServer, connect as netConnect, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { denyPrivateAddresses, parseAddressPolicy } from "./address-policy";
import {
  AddressDeniedError,
  checkUrlDestination,
  guardedConnectOptions,
  guardedLookup,
  isAddressDenied,
} from "./guarded-lookup";

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((socket) => socket.end("hello"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Connect to `host` through the guard; resolves to what the server said or the error. */
function connectThrough(policy: ReturnType<typeof parseAddressPolicy>, host: string) {
  return new Promise<string | Error>((resolve) => {
    const socket = netConnect({ host, port, family: 4, lookup: guardedLookup(policy, port) });
    let said = "";
    socket.on("data", (chunk) => {
      said += chunk.toString();
    });
    socket.on("end", () => resolve(said));
    socket.on("error", (error) => resolve(error));
  });
}

describe("guardedLookup", () => {
  it("refuses a name that resolves to a loopback address, before connecting", async () => {
    const result = await connectThrough(denyPrivateAddresses, "localhost");
    expect(result).toBeInstanceOf(AddressDeniedError);
    expect(isAddressDenied(result)).toBe(true);
    expect((result as AddressDeniedError).category).toBe("loopback");
  });

  it("connects when the allowlist names the address and port, or the name", async () => {
    expect(await connectThrough(parseAddressPolicy(`127.0.0.1:${port}`), "localhost")).toBe(
      "hello",
    );
    expect(await connectThrough(parseAddressPolicy("localhost"), "localhost")).toBe("hello");
    expect(await connectThrough(parseAddressPolicy("127.0.0.1:1"), "localhost")).toBeInstanceOf(
      AddressDeniedError,
    );
  });

  it("hands the socket only the allowed addresses of a name", async () => {
    const lookup = guardedLookup(parseAddressPolicy("127.0.0.1"), port);
    const all = await new Promise<unknown>((resolve) =>
      lookup("localhost", { all: true }, (_error, addresses) => resolve(addresses)),
    );
    // localhost may also resolve to ::1, which this allowlist does not name.
    expect(all).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });

  it("answers in the single-address form when not asked for all", async () => {
    const lookup = guardedLookup(parseAddressPolicy("127.0.0.0/8"), port);
    const answer = await new Promise<[unknown, unknown, unknown]>((resolve) =>
      lookup("localhost", { family: 4 }, (error, address, family) =>
        resolve([error, address, family]),
      ),
    );
    expect(answer).toEqual([null, "127.0.0.1", 4]);
  });
});

describe("guardedConnectOptions", () => {
  it("refuses IP literals (which skip any lookup) at once", () => {
    for (const url of [
      "http://127.0.0.1:6379/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:127.0.0.1]:6379/",
      "http://[fe80::1]/",
      "http://0x7f.1/",
      "http://2130706433/",
    ]) {
      expect(() => guardedConnectOptions(denyPrivateAddresses, new URL(url)), url).toThrow(
        AddressDeniedError,
      );
    }
  });

  it("gives a lookup for allowed or public origins", () => {
    expect(
      guardedConnectOptions(parseAddressPolicy("127.0.0.1:4010"), new URL("http://127.0.0.1:4010"))
        .lookup,
    ).toBeTypeOf("function");
    expect(
      guardedConnectOptions(denyPrivateAddresses, new URL("https://api.openai.com/v1")).lookup,
    ).toBeTypeOf("function");
  });
});

describe("checkUrlDestination", () => {
  it("refuses internal literals and names, and names resolving to internal addresses", async () => {
    for (const url of [
      "http://169.254.169.254/",
      "http://127.0.0.1:6379",
      "http://[::1]:8080",
      "http://10.0.0.8/v1",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://localhost.:6379",
    ]) {
      expect((await checkUrlDestination(denyPrivateAddresses, new URL(url))).allowed, url).toBe(
        false,
      );
    }
  });

  it("lets through public literals, allowlisted ones and names that do not resolve here", async () => {
    expect(await checkUrlDestination(denyPrivateAddresses, new URL("https://1.1.1.1/"))).toEqual({
      allowed: true,
    });
    expect(
      await checkUrlDestination(parseAddressPolicy("10.0.0.0/8"), new URL("http://10.0.0.8/v1")),
    ).toEqual({ allowed: true });
    expect(
      await checkUrlDestination(denyPrivateAddresses, new URL("https://hooks.example.invalid/")),
    ).toEqual({ allowed: true });
  });
});
