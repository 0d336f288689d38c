/**
 * Secrets the server needs and the operator did not give: created once, kept in
 * <dataDir>/secrets.json (mode 0600, inside the gitignored .switchyard/), reused on every start so
 * sessions, encrypted provider credentials and the printed demo curl keep working.
 * A value given through the environment always wins and is never written to the file.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { API_KEY_PATTERN, generateApiKey } from "@switchyard/core";
import { generateEncryptionKey } from "@switchyard/db";
import { z } from "zod";
import { isEncryptionKey } from "./settings";
import { StartupError } from "./startup-error";

export const SECRETS_FILE = "secrets.json";

const storedSecretsSchema = z.object({
  nextAuthSecret: z.string().min(32).optional(),
  encryptionKey: z.string().refine(isEncryptionKey).optional(),
  demoKey: z.string().regex(API_KEY_PATTERN).optional(),
});

export type StoredSecrets = z.infer<typeof storedSecretsSchema>;

export interface Secrets {
  nextAuthSecret: string;
  encryptionKey: string;
  demoKey: string;
}

export interface SecretOverrides {
  nextAuthSecret?: string | undefined;
  encryptionKey?: string | undefined;
  demoKey?: string | undefined;
}

export const generateNextAuthSecret = (): string => randomBytes(32).toString("base64url");
export async function readStoredSecrets(file: string): Promise<StoredSecrets> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new StartupError(
      "secrets_unreadable",
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}): check its permissions.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StartupError("secrets_invalid", invalidFileMessage(file, "is not valid JSON"));
  }
  const parsed = storedSecretsSchema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "its content";
    throw new StartupError("secrets_invalid", invalidFileMessage(file, `has an invalid ${field}`));
  }
  return parsed.data;
}

function invalidFileMessage(file: string, problem: string): string {
  return `${file} ${problem}: fix it, or delete it to generate new secrets (existing sessions, the demo key and stored provider credentials stop working).`;
}

/**
 * Load the secrets from <dataDir>/secrets.json, generating and saving any that are missing and not
 * overridden. Returns the values to use (overrides first).
 */
export async function loadOrCreateSecrets(
  dataDir: string,
  overrides: SecretOverrides = {},
): Promise<Secrets & { file: string; created: (keyof Secrets)[] }> {
  const file = path.join(dataDir, SECRETS_FILE);
  const stored = await readStoredSecrets(file);
  const next: StoredSecrets = { ...stored };
  const created: (keyof Secrets)[] = [];

  if (!overrides.nextAuthSecret && !next.nextAuthSecret) {
    next.nextAuthSecret = generateNextAuthSecret();
    created.push("nextAuthSecret");
  }
  if (!overrides.encryptionKey && !next.encryptionKey) {
    next.encryptionKey = generateEncryptionKey();
    created.push("encryptionKey");
  }
  if (!overrides.demoKey && !next.demoKey) {
    next.demoKey = generateApiKey();
    created.push("demoKey");
  }
  if (created.length > 0) await writeSecretsFile(file, next);

  return {
    file,
    created,
    nextAuthSecret: overrides.nextAuthSecret || (next.nextAuthSecret as string),
    encryptionKey: overrides.encryptionKey || (next.encryptionKey as string),
    demoKey: overrides.demoKey || (next.demoKey as string),
  };
}

async function writeSecretsFile(file: string, secrets: StoredSecrets): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (error) {
    throw new StartupError(
      "secrets_unwritable",
      `Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}): make SWITCHYARD_DATA_DIR writable or set it to another folder.`,
    );
  }
}
