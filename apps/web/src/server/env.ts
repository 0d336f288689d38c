/**
 * The one place the web app reads (and, for the in-process Next.js server, writes) process.env.
 * Every variable, its default and its meaning is listed in apps/web/ENV.md.
 */
import path from "node:path";
import {
  apiKeyField,
  type EnvSource,
  gatewayEnvFields,
  type LogLevel,
  optionalString,
  parseEnvWith,
  portField,
  type ServerSettings,
  serverSettingsOf,
  spoolDirOf,
} from "@switchyard/server";
import { z } from "zod";

export const DEFAULT_OWNER_EMAIL = "admin@switchyard.local";
/** Demo password of the seeded owner. Change it with SWITCHYARD_OWNER_PASSWORD. */
export const DEFAULT_OWNER_PASSWORD = "switchyard-demo";

/** The gateway's variables (shared with the standalone gateway) and the console's own. */
const envSchema = z.object({
  ...gatewayEnvFields,
  NODE_ENV: optionalString,
  PORT: portField(3000, "PORT"),
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
  SWITCHYARD_EMBEDDED_PG_PORT: portField(54329, "SWITCHYARD_EMBEDDED_PG_PORT"),
  SWITCHYARD_MOCK_PORT: portField(4010, "SWITCHYARD_MOCK_PORT"),
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
  SWITCHYARD_DEMO_KEY: apiKeyField("SWITCHYARD_DEMO_KEY"),
  SWITCHYARD_TRUSTED_PROXY_HOPS: optionalString.pipe(
    z
      .string()
      .regex(/^\d$/, "SWITCHYARD_TRUSTED_PROXY_HOPS must be a whole number from 0 to 9")
      .transform(Number)
      .optional()
      .transform((value) => value ?? 0),
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
  logLevel: LogLevel;
  maxBodyBytes: number;
  /** Connection limits and the shutdown grace period (see packages/server/src/settings.ts). */
  server: ServerSettings;
  /** The accounting spool of this process (see packages/server/src/settings.ts). */
  spoolDir: string;
  spoolMaxBytes: number;
  /** How long keys known before a key-store outage keep authenticating during it. */
  keyStaleMs: number;
  /** Bearer token GET /metrics requires; unset = open (scrape it on a private network). */
  metricsToken: string | undefined;
  /** Reverse proxies in front of the console whose X-Forwarded-For is trusted (sign-in throttle). */
  trustedProxyHops: number;
  /** Internal addresses provider base URLs and webhooks may be at (see ENV.md). */
  allowedPrivateHosts: string[];
  /** Milliseconds between learned-router refit checks; 0 = off (see ENV.md). */
  retrainIntervalMs: number;
  /** Quiet time after a busy period before one full GC; 0 = off (see ENV.md). */
  idleGcMs: number;
}

let cached: AppEnv | undefined;

/**
 * Parse and validate an environment. Throws a StartupError whose message is one line naming the
 * variable and what to put in it. `repoRoot` anchors the default data directory.
 */
export function parseEnv(source: EnvSource, options: { repoRoot: string }): AppEnv {
  return toAppEnv(parseEnvWith(envSchema, source, "apps/web/ENV.md"), options.repoRoot);
}

function toAppEnv(raw: RawEnv, repoRoot: string): AppEnv {
  const dataDir = path.resolve(repoRoot, raw.SWITCHYARD_DATA_DIR ?? ".switchyard");
  return {
    nodeEnv: raw.NODE_ENV ?? "development",
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    port: raw.PORT,
    host: raw.HOST,
    nextAuthSecret: raw.NEXTAUTH_SECRET,
    nextAuthUrl: raw.NEXTAUTH_URL,
    encryptionKey: raw.SWITCHYARD_ENCRYPTION_KEY,
    dataDir,
    embeddedPgPort: raw.SWITCHYARD_EMBEDDED_PG_PORT,
    mockPort: raw.SWITCHYARD_MOCK_PORT,
    ownerEmail: raw.SWITCHYARD_OWNER_EMAIL,
    ownerPassword: raw.SWITCHYARD_OWNER_PASSWORD,
    ownerPasswordIsDefault: raw.SWITCHYARD_OWNER_PASSWORD === DEFAULT_OWNER_PASSWORD,
    demoKey: raw.SWITCHYARD_DEMO_KEY,
    logLevel: raw.LOG_LEVEL,
    maxBodyBytes: raw.SWITCHYARD_MAX_BODY_BYTES,
    spoolDir: spoolDirOf(raw, dataDir, repoRoot, "server"),
    spoolMaxBytes: raw.SWITCHYARD_SPOOL_MAX_BYTES,
    keyStaleMs: raw.SWITCHYARD_KEY_STALE_MS,
    server: serverSettingsOf(raw),
    metricsToken: raw.SWITCHYARD_METRICS_TOKEN,
    trustedProxyHops: raw.SWITCHYARD_TRUSTED_PROXY_HOPS,
    allowedPrivateHosts: raw.SWITCHYARD_ALLOWED_PRIVATE_HOSTS,
    retrainIntervalMs: raw.SWITCHYARD_RETRAIN_INTERVAL_MS,
    idleGcMs: raw.SWITCHYARD_IDLE_GC_MS,
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
  /** The allowlist with what the server adds itself (the demo's mock LLM). */
  allowedPrivateHosts: readonly string[];
}

export function exportRuntimeValues(values: RuntimeValues): void {
  process.env.DATABASE_URL = values.databaseUrl;
  process.env.SWITCHYARD_ALLOWED_PRIVATE_HOSTS = values.allowedPrivateHosts.join(",");
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
