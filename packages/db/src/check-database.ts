import pg from "pg";

/** "host:port" of a PostgreSQL URL, for messages (never includes the password). */
export function describeDatabaseLocation(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.hostname || url.searchParams.get("host") || "localhost";
    return `${host}:${url.port || "5432"}`;
  } catch {
    return "the configured address";
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) return code;
    if (/timeout/i.test(error.message)) return "connection timed out";
    return error.message.split("\n")[0] ?? error.message;
  }
  return String(error);
}

/**
 * Connects to `databaseUrl` and runs `select 1`. Throws an Error with a one-line message, e.g.
 * "cannot reach PostgreSQL at 127.0.0.1:5432: ECONNREFUSED" or
 * "PostgreSQL at 127.0.0.1:5432 refused the connection: database "x" does not exist".
 */
export async function checkDatabase(
  databaseUrl: string,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const where = describeDatabaseLocation(databaseUrl);
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: options.timeoutMs ?? 3_000,
  });
  client.on("error", () => {
    // Reported through connect()/query() below.
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const isServerAnswer = error instanceof Error && "severity" in error;
    throw new Error(
      isServerAnswer
        ? `PostgreSQL at ${where} refused the connection: ${reasonOf(error)}`
        : `cannot reach PostgreSQL at ${where}: ${reasonOf(error)}`,
      { cause: error },
    );
  }
  try {
    await client.query("select 1");
  } catch (error) {
    throw new Error(`PostgreSQL at ${where} failed a test query: ${reasonOf(error)}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
