/**
 * Secrets written before they were encrypted at rest, encrypted in place: budget webhook secrets
 * (budgets.encrypted_webhook_secret, plain text until migration 20261207042810). SQL cannot do it
 * (it does not have the instance's key), so migrate() runs this after the SQL migrations when the
 * app gives it the key. Idempotent: ciphertext is left alone, and each row is changed only if it
 * still holds the plain text read (two instances starting together do not encrypt twice).
 */
import pg from "pg";
import { encryptSecret, isEncryptedSecret } from "./crypto";

/** Encrypts every plain-text webhook secret; returns how many it encrypted. */
export async function encryptPlainTextSecrets(
  databaseUrl: string,
  encryptionKey: string,
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; secret: string }>(
      `select id, encrypted_webhook_secret as secret from budgets
        where encrypted_webhook_secret is not null and encrypted_webhook_secret not like 'v1:%'`,
    );
    let encrypted = 0;
    for (const row of rows) {
      if (isEncryptedSecret(row.secret)) continue;
      const result = await client.query(
        `update budgets set encrypted_webhook_secret = $1
          where id = $2 and encrypted_webhook_secret = $3`,
        [encryptSecret(row.secret, encryptionKey), row.id, row.secret],
      );
      encrypted += result.rowCount ?? 0;
    }
    return encrypted;
  } finally {
    await client.end();
  }
}
