/**
 * The environment variables a gateway process reads, as zod fields: the standalone gateway parses
 * them here (`parseGatewaySettings`), and the web app's env module builds its own schema from the
 * same fields, so a variable means the same thing and is checked the same way in both processes.
 */
import path from "node:path";
import { API_KEY_FORMAT, API_KEY_PATTERN } from "@switchyard/core";
import { parseAddressPolicy } from "@switchyard/core/network";
import { parseEncryptionKey } from "@switchyard/db";
import { z } from "zod";
import { StartupError } from "./startup-error";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_SPOOL_MAX_BYTES = 1024 * 1024 * 1024;
/** How often learned routers are checked for a refit (SWITCHYARD_RETRAIN_INTERVAL_MS): hourly. */
export const DEFAULT_RETRAIN_INTERVAL_MS = 60 * 60 * 1000;
/** Quiet time after a busy period before one full GC (SWITCHYARD_IDLE_GC_MS): 10 s. */
export const DEFAULT_IDLE_GC_MS = 10_000;

/**
 * Where a process spools request-log batches while the database is down: SWITCHYARD_SPOOL_DIR,
 * else <data dir>/spool/<name> (one directory per process: the console server and each standalone
 * gateway on a machine have their own).
 */
export function spoolDirOf(
  raw: { SWITCHYARD_SPOOL_DIR?: string | undefined },
  dataDir: string,
  repoRoot: string,
  name: string,
): string {
  return raw.SWITCHYARD_SPOOL_DIR === undefined
    ? path.join(dataDir, "spool", name)
    : path.resolve(repoRoot, raw.SWITCHYARD_SPOOL_DIR);
}
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** 32 bytes as base64 or 64 hex characters (what @switchyard/db's credential encryption takes). */
export function isEncryptionKey(value: string): boolean {
  try {
    parseEncryptionKey(value);
    return true;
  } catch {
    return false;
  }
}

/** A trimmed string; empty or unset is undefined. */
export const optionalString = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === "" ? undefined : value));

export const portField = (fallback: number, name: string) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number between 0 and 65535`)
      .transform(Number)
      .refine((value) => value <= 65535, `${name} must be a whole number between 0 and 65535`)
      .optional()
      .transform((value) => value ?? fallback),
  );

export const postgresUrlField = (name: string) =>
  optionalString.pipe(
    z
      .string()
      .refine(
        (value) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value),
        `${name} must be a postgres:// or postgresql:// URL`,
      )
      .optional(),
  );

const millis = (name: string, fallback: number, min: number) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number of milliseconds`)
      .transform(Number)
      .refine((value) => value >= min, `${name} must be at least ${min}`)
      .optional()
      .transform((value) => value ?? fallback),
  );
/**
 * SWITCHYARD_ALLOWED_PRIVATE_HOSTS: the internal addresses provider base URLs and budget webhooks
 * may be at (comma-separated hostnames, IPs or CIDR ranges, each optionally with `:port`; `*` for
 * any), as a list; unset or empty: none, public addresses only.
 */
const allowedPrivateHostsField = optionalString.pipe(
  z
    .string()
    .superRefine((value, context) => {
      try {
        parseAddressPolicy(value);
      } catch (error) {
        context.addIssue({
          code: "custom",
          message: `SWITCHYARD_ALLOWED_PRIVATE_HOSTS: ${(error as Error).message}`,
        });
      }
    })
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    ),
);

/** The variables every gateway process reads (the web app adds its console's own). */
export const gatewayEnvFields = {
  DATABASE_URL: postgresUrlField("DATABASE_URL"),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => /^rediss?:\/\//.test(value) && URL.canParse(value),
        "REDIS_URL must be a redis:// URL",
      )
      .optional(),
  ),
  HOST: optionalString.transform((value) => value ?? DEFAULT_HOST),
  SWITCHYARD_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        isEncryptionKey,
        "SWITCHYARD_ENCRYPTION_KEY must be 32 bytes encoded as base64 (try: openssl rand -base64 32)",
      )
      .optional(),
  ),
  SWITCHYARD_DATA_DIR: optionalString,
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` })
      .optional()
      .transform((value) => value ?? "info"),
  ),
  SWITCHYARD_METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, "SWITCHYARD_METRICS_TOKEN must be at least 16 characters").optional(),
  ),
  SWITCHYARD_DRAIN_TIMEOUT_MS: millis("SWITCHYARD_DRAIN_TIMEOUT_MS", 30_000, 0),
  SWITCHYARD_HEADERS_TIMEOUT_MS: millis("SWITCHYARD_HEADERS_TIMEOUT_MS", 15_000, 1_000),
  SWITCHYARD_REQUEST_TIMEOUT_MS: millis("SWITCHYARD_REQUEST_TIMEOUT_MS", 60_000, 1_000),
  SWITCHYARD_MAX_CONNECTIONS: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, "SWITCHYARD_MAX_CONNECTIONS must be a whole number")
      .transform(Number)
      .refine((value) => value >= 16, "SWITCHYARD_MAX_CONNECTIONS must be at least 16")
      .optional()
      .transform((value) => value ?? 10_000),
  ),
  SWITCHYARD_SPOOL_DIR: optionalString,
  SWITCHYARD_KEY_STALE_MS: millis("SWITCHYARD_KEY_STALE_MS", 15 * 60_000, 0),
  SWITCHYARD_SPOOL_MAX_BYTES: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, "SWITCHYARD_SPOOL_MAX_BYTES must be a whole number of bytes")
      .transform(Number)
      .refine((value) => value >= 1_048_576, "SWITCHYARD_SPOOL_MAX_BYTES must be at least 1048576")
      .optional()
      .transform((value) => value ?? DEFAULT_SPOOL_MAX_BYTES),
  ),
  SWITCHYARD_MAX_BODY_BYTES: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, "SWITCHYARD_MAX_BODY_BYTES must be a whole number of bytes")
      .transform(Number)
      .refine((value) => value >= 1024, "SWITCHYARD_MAX_BODY_BYTES must be at least 1024")
      .optional()
      .transform((value) => value ?? DEFAULT_MAX_BODY_BYTES),
  ),
  SWITCHYARD_ALLOWED_PRIVATE_HOSTS: allowedPrivateHostsField,
  /** Milliseconds between checks for learned routers to refit; 0 turns scheduled training off. */
  SWITCHYARD_RETRAIN_INTERVAL_MS: millis(
    "SWITCHYARD_RETRAIN_INTERVAL_MS",
    DEFAULT_RETRAIN_INTERVAL_MS,
    0,
  ),
  /** Milliseconds without a request, after a busy period, before one full GC; 0 turns it off. */
  SWITCHYARD_IDLE_GC_MS: millis("SWITCHYARD_IDLE_GC_MS", DEFAULT_IDLE_GC_MS, 0),
};

/** An API key given in the environment (the demo key): the format the database stores. */
export const apiKeyField = (name: string) =>
  optionalString.pipe(
    z.string().regex(API_KEY_PATTERN, `${name} must look like ${API_KEY_FORMAT}`).optional(),
  );

export type EnvSource = Record<string, string | undefined>;

/**
 * Parse `source` with `schema`. A bad value throws a StartupError whose message is one line naming
 * the variable and what to put in it (never the value of a secret).
 */
export function parseEnvWith<S extends z.ZodType>(
  schema: S,
  source: EnvSource,
  docs: string,
): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join(".") ?? "environment";
  const got = typeof issue?.path[0] === "string" ? source[issue.path[0]] : undefined;
  const secret = /SECRET|KEY|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL/.test(name);
  const detail = got === undefined || secret ? "" : ` (got "${got}")`;
  throw new StartupError(
    "invalid_env",
    `Invalid configuration: ${issue?.message ?? `${name} is invalid`}${detail}. See ${docs}.`,
  );
}

const standaloneSchema = z.object({ ...gatewayEnvFields, PORT: portField(8080, "PORT") });

/** Limits on clients' connections and the shutdown grace period, the same in every server. */
export interface ServerSettings {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  /** How long shutdown lets requests in flight finish before ending them. */
  drainTimeoutMs: number;
}

export function serverSettingsOf(raw: {
  SWITCHYARD_HEADERS_TIMEOUT_MS: number;
  SWITCHYARD_REQUEST_TIMEOUT_MS: number;
  SWITCHYARD_MAX_CONNECTIONS: number;
  SWITCHYARD_DRAIN_TIMEOUT_MS: number;
}): ServerSettings {
  return {
    headersTimeoutMs: raw.SWITCHYARD_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: raw.SWITCHYARD_REQUEST_TIMEOUT_MS,
    maxConnections: raw.SWITCHYARD_MAX_CONNECTIONS,
    drainTimeoutMs: raw.SWITCHYARD_DRAIN_TIMEOUT_MS,
  };
}

/** What the standalone gateway process runs with. */
export interface GatewaySettings {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  host: string;
  port: number;
  encryptionKey: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  maxBodyBytes: number;
  spoolDir: string;
  spoolMaxBytes: number;
  /** How long keys known before a key-store outage keep authenticating during it. */
  keyStaleMs: number;
  metricsToken: string | undefined;
  server: ServerSettings;
  /** Internal addresses upstreams and webhooks may be at (SWITCHYARD_ALLOWED_PRIVATE_HOSTS). */
  allowedPrivateHosts: string[];
  /** Milliseconds between learned-router refit checks; 0 = off (SWITCHYARD_RETRAIN_INTERVAL_MS). */
  retrainIntervalMs: number;
  /** Quiet time after a busy period before one full GC; 0 = off (SWITCHYARD_IDLE_GC_MS). */
  idleGcMs: number;
}

/** The standalone gateway's settings; `repoRoot` anchors the default data directory. */
export function parseGatewaySettings(source: EnvSource, repoRoot: string): GatewaySettings {
  const raw = parseEnvWith(standaloneSchema, source, "the README's configuration table");
  const dataDir = path.resolve(repoRoot, raw.SWITCHYARD_DATA_DIR ?? ".switchyard");
  return {
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    host: raw.HOST,
    port: raw.PORT,
    encryptionKey: raw.SWITCHYARD_ENCRYPTION_KEY,
    dataDir,
    logLevel: raw.LOG_LEVEL,
    maxBodyBytes: raw.SWITCHYARD_MAX_BODY_BYTES,
    spoolDir: spoolDirOf(raw, dataDir, repoRoot, `gateway-${raw.PORT}`),
    spoolMaxBytes: raw.SWITCHYARD_SPOOL_MAX_BYTES,
    keyStaleMs: raw.SWITCHYARD_KEY_STALE_MS,
    metricsToken: raw.SWITCHYARD_METRICS_TOKEN,
    server: serverSettingsOf(raw),
    allowedPrivateHosts: raw.SWITCHYARD_ALLOWED_PRIVATE_HOSTS,
    retrainIntervalMs: raw.SWITCHYARD_RETRAIN_INTERVAL_MS,
    idleGcMs: raw.SWITCHYARD_IDLE_GC_MS,
  };
}
