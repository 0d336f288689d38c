/**
 * The one place the web app reads (and, for the in-process Next.js server, writes) process.env.
 * Every variable, its default and its meaning is listed in apps/web/ENV.md.
 */
import path from "node:path";
import { z } from "zod";
import { StartupError } from "./startup-error";

export const DEFAULT_OWNER_EMAIL = "admin@switchyard.local";
/** Demo password of the seeded owner. Change it with SWITCHYARD_OWNER_PASSWORD. */
export const DEFAULT_OWNER_PASSWORD = "switchyard-demo";
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** API keys as the database stores them: "sk-sy-" + letters and digits. */
export const DEMO_KEY_PATTERN = /^sk-sy-[A-Za-z0-9]{16,}$/;

/** 32 bytes in standard base64 (the format @switchyard/db's credential encryption takes). */
export function isEncryptionKey(value: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32;
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optionalString = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const port = (fallback: number, name: string) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number between 0 and 65535`)
      .transform(Number)
      .refine((value) => value <= 65535, `${name} must be a whole number between 0 and 65535`)
      .optional()
      .transform((value) => value ?? fallback),
  );

const postgresUrl = (name: string) =>
  optionalString.pipe(
    z
      .string()
      .refine(
        (value) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value),
        `${name} must be a postgres:// or postgresql:// URL`,
      )
      .optional(),
  );

const envSchema = z.object({
  NODE_ENV: optionalString,
  DATABASE_URL: postgresUrl("DATABASE_URL"),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => /^rediss?:\/\//.test(value) && URL.canParse(value),
        "REDIS_URL must be a redis:// URL",
      )
      .optional(),
  ),
  PORT: port(3000, "PORT"),
  HOST: optionalString.transform((value) => value ?? DEFAULT_HOST),
  NEXTAUTH_SECRET: optionalString.pipe(
    z
      .string()
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)")
      .optional(),
  ),
  NEXTAUTH_URL: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => /^https?:\/\//.test(value) && URL.canParse(value),
        "NEXTAUTH_URL must be an http:// or https:// URL",
      )
      .optional(),
  ),
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
  SWITCHYARD_EMBEDDED_PG_PORT: port(54329, "SWITCHYARD_EMBEDDED_PG_PORT"),
  SWITCHYARD_MOCK_PORT: port(4010, "SWITCHYARD_MOCK_PORT"),
  SWITCHYARD_OWNER_EMAIL: optionalString.pipe(
    z
      .email("SWITCHYARD_OWNER_EMAIL must be an email address")
      .optional()
      .transform((value) => (value ?? DEFAULT_OWNER_EMAIL).toLowerCase()),
  ),
  SWITCHYARD_OWNER_PASSWORD: optionalString.pipe(
    z
      .string()
      .min(8, "SWITCHYARD_OWNER_PASSWORD must be at least 8 characters")
      .optional()
      .transform((value) => value ?? DEFAULT_OWNER_PASSWORD),
  ),
  SWITCHYARD_DEMO_KEY: optionalString.pipe(
    z
      .string()
      .regex(
        DEMO_KEY_PATTERN,
        "SWITCHYARD_DEMO_KEY must look like sk-sy-<at least 16 letters or digits>",
      )
      .optional(),
  ),
  SWITCHYARD_METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, "SWITCHYARD_METRICS_TOKEN must be at least 16 characters").optional(),
  ),
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(logLevels, { error: `LOG_LEVEL must be one of ${logLevels.join(", ")}` })
      .optional()
      .transform((value) => value ?? "info"),
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
});

type RawEnv = z.output<typeof envSchema>;

export interface AppEnv {
  nodeEnv: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  port: number;
  host: string;
  nextAuthSecret: string | undefined;
  nextAuthUrl: string | undefined;
  encryptionKey: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  mockPort: number;
  ownerEmail: string;
  ownerPassword: string;
  ownerPasswordIsDefault: boolean;
  demoKey: string | undefined;
  logLevel: (typeof logLevels)[number];
  maxBodyBytes: number;
  /** Bearer token GET /metrics requires; unset = open (scrape it on a private network). */
  metricsToken: string | undefined;
}

let cached: AppEnv | undefined;

export type EnvSource = Record<string, string | undefined>;

/**
 * Parse and validate an environment. Throws a StartupError whose message is one line naming the
 * variable and what to put in it. `repoRoot` anchors the default data directory.
 */
export function parseEnv(source: EnvSource, options: { repoRoot: string }): AppEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join(".") ?? "environment";
    const got = typeof issue?.path[0] === "string" ? source[issue.path[0]] : undefined;
    const secret = /SECRET|KEY|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL/.test(name);
    const detail = got === undefined || secret ? "" : ` (got "${got}")`;
    throw new StartupError(
      "invalid_env",
      `Invalid configuration: ${issue?.message ?? `${name} is invalid`}${detail}. See apps/web/ENV.md.`,
    );
  }
  return toAppEnv(result.data, options.repoRoot);
}

function toAppEnv(raw: RawEnv, repoRoot: string): AppEnv {
  return {
    nodeEnv: raw.NODE_ENV ?? "development",
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    port: raw.PORT,
    host: raw.HOST,
    nextAuthSecret: raw.NEXTAUTH_SECRET,
    nextAuthUrl: raw.NEXTAUTH_URL,
    encryptionKey: raw.SWITCHYARD_ENCRYPTION_KEY,
    dataDir: path.resolve(repoRoot, raw.SWITCHYARD_DATA_DIR ?? ".switchyard"),
    embeddedPgPort: raw.SWITCHYARD_EMBEDDED_PG_PORT,
    mockPort: raw.SWITCHYARD_MOCK_PORT,
    ownerEmail: raw.SWITCHYARD_OWNER_EMAIL,
    ownerPassword: raw.SWITCHYARD_OWNER_PASSWORD,
    ownerPasswordIsDefault: raw.SWITCHYARD_OWNER_PASSWORD === DEFAULT_OWNER_PASSWORD,
    demoKey: raw.SWITCHYARD_DEMO_KEY,
    logLevel: raw.LOG_LEVEL,
    maxBodyBytes: raw.SWITCHYARD_MAX_BODY_BYTES,
    metricsToken: raw.SWITCHYARD_METRICS_TOKEN,
  };
}

/** Values the production server resolves at start (secrets, the database it started) and hands
 * to the Next.js request handler running in the same process. */
export interface RuntimeValues {
  databaseUrl: string;
  nextAuthSecret: string;
  /** When absent, next-auth takes its origin from the request's Host header (AUTH_TRUST_HOST). */
  nextAuthUrl: string | undefined;
  encryptionKey: string;
}

export function exportRuntimeValues(values: RuntimeValues): void {
  process.env.DATABASE_URL = values.databaseUrl;
  process.env.NEXTAUTH_SECRET = values.nextAuthSecret;
  process.env.SWITCHYARD_ENCRYPTION_KEY = values.encryptionKey;
  if (values.nextAuthUrl) process.env.NEXTAUTH_URL = values.nextAuthUrl;
  else process.env.AUTH_TRUST_HOST = "true";
  cached = undefined;
}

/** Run before Next.js or React load: the production server always runs production builds and
 * never sends telemetry. */
export function prepareProductionProcess(): void {
  if (process.env.NODE_ENV !== "production") {
    (process.env as Record<string, string>).NODE_ENV = "production";
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
}

/** The current process's environment, parsed once. `repoRoot` defaults to two levels above cwd
 * (cwd is apps/web under `next dev`/`next start`). */
export function getEnv(repoRoot = path.resolve(process.cwd(), "..", "..")): AppEnv {
  cached ??= parseEnv(process.env, { repoRoot });
  return cached;
}
