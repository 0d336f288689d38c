import { describe, expect, it } from "vitest";
import { parseGatewaySettings } from "./settings";
import { StartupError } from "./startup-error";

describe("parseGatewaySettings: SWITCHYARD_ALLOWED_PRIVATE_HOSTS", () => {
  it("is an empty list when unset or blank (public addresses only)", () => {
    expect(parseGatewaySettings({}, "/repo").allowedPrivateHosts).toEqual([]);
    expect(
      parseGatewaySettings({ SWITCHYARD_ALLOWED_PRIVATE_HOSTS: " " }, "/repo").allowedPrivateHosts,
    ).toEqual([]);
  });

  it("reads comma-separated hosts, addresses and ranges, with ports", () => {
    const settings = parseGatewaySettings(
      { SWITCHYARD_ALLOWED_PRIVATE_HOSTS: "vllm.internal:8000, 10.0.0.0/8 ,127.0.0.1:4010,[::1]" },
      "/repo",
    );
    expect(settings.allowedPrivateHosts).toEqual([
      "vllm.internal:8000",
      "10.0.0.0/8",
      "127.0.0.1:4010",
      "[::1]",
    ]);
  });

  it("stops with one line naming the variable and the bad entry", () => {
    const parse = () =>
      parseGatewaySettings({ SWITCHYARD_ALLOWED_PRIVATE_HOSTS: "10.0.0.0/8,10.0.0.0/40" }, "/repo");
    expect(parse).toThrow(StartupError);
    expect(parse).toThrow(
      /^Invalid configuration: SWITCHYARD_ALLOWED_PRIVATE_HOSTS: "10\.0\.0\.0\/40" is not a valid CIDR range/,
    );
  });
});

describe("parseGatewaySettings: SWITCHYARD_KEY_STALE_MS", () => {
  it("keeps known keys authenticating for 15 minutes of a key-store outage by default", () => {
    expect(parseGatewaySettings({}, "/repo").keyStaleMs).toBe(900_000);
    expect(parseGatewaySettings({ SWITCHYARD_KEY_STALE_MS: "0" }, "/repo").keyStaleMs).toBe(0);
  });

  it("stops with one line when it is not a number of milliseconds", () => {
    expect(() => parseGatewaySettings({ SWITCHYARD_KEY_STALE_MS: "15m" }, "/repo")).toThrow(
      /^Invalid configuration: SWITCHYARD_KEY_STALE_MS must be a whole number of milliseconds/,
    );
  });
});

describe("parseGatewaySettings: SWITCHYARD_RETRAIN_INTERVAL_MS", () => {
  it("is an hour by default; 0 turns scheduled training off", () => {
    expect(parseGatewaySettings({}, "/repo").retrainIntervalMs).toBe(3_600_000);
    expect(
      parseGatewaySettings({ SWITCHYARD_RETRAIN_INTERVAL_MS: "0" }, "/repo").retrainIntervalMs,
    ).toBe(0);
    expect(
      parseGatewaySettings({ SWITCHYARD_RETRAIN_INTERVAL_MS: "600000" }, "/repo").retrainIntervalMs,
    ).toBe(600_000);
  });

  it("refuses anything but a whole number of milliseconds", () => {
    expect(() => parseGatewaySettings({ SWITCHYARD_RETRAIN_INTERVAL_MS: "1h" }, "/repo")).toThrow(
      /SWITCHYARD_RETRAIN_INTERVAL_MS must be a whole number of milliseconds/,
    );
  });
});
