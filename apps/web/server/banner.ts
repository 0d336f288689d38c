/** What the server prints once it is ready: where the console is, how to log in, a curl to try. */
export interface BannerInput {
  consoleUrl: string;
  ownerEmail: string;
  ownerPassword: string;
  /** Shown only when the password is still the documented demo default. */
  passwordIsDefault: boolean;
  demoKey: string;
  database: string;
}

export function publicUrl(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" || host === "" ? "localhost" : host;
  const bracketed = shown.includes(":") ? `[${shown}]` : shown;
  return `http://${bracketed}:${port}`;
}

export function formatBanner(input: BannerInput): string {
  const body = JSON.stringify({
    model: "switchyard/auto",
    messages: [{ role: "user", content: "Say hello in five words." }],
  });
  const password = input.passwordIsDefault
    ? input.ownerPassword
    : "(the SWITCHYARD_OWNER_PASSWORD you set)";
  return [
    "",
    "Switchyard is running.",
    "",
    `  Console   ${input.consoleUrl}`,
    `  Log in    ${input.ownerEmail} / ${password}`,
    `  Database  ${input.database}`,
    "",
    "Try the API:",
    "",
    `  curl -si ${input.consoleUrl}/v1/chat/completions \\`,
    `    -H "Authorization: Bearer ${input.demoKey}" \\`,
    `    -H "Content-Type: application/json" \\`,
    `    -d '${body}'`,
    "",
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

/** "postgres://user:secret@host:5432/db" → "postgres://user@host:5432/db". */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(custom DATABASE_URL)";
  }
}
