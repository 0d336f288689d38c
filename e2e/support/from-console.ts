/**
 * The headers a console page sends with a change: its Origin. The management API refuses a
 * change authenticated by the session cookie from anywhere else, so tests that call it with the
 * page's cookies (page.request) send these.
 */
export function fromConsole(): Record<string, string> {
  const baseUrl = process.env.SWITCHYARD_E2E_BASE_URL;
  if (!baseUrl) throw new Error("SWITCHYARD_E2E_BASE_URL is not set: the global setup did not run");
  return { origin: new URL(baseUrl).origin };
}
