/**
 * A problem with configuration or the machine (bad env value, port in use, unreachable database)
 * that the operator fixes. Its message is one line that says what to do; it never carries a stack
 * trace to the terminal.
 */
export class StartupError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
    this.code = code;
  }
}

export const isStartupError = (error: unknown): error is StartupError =>
  error instanceof StartupError;

/** One line for the terminal: the message of a known error, a short description otherwise. */
export function oneLine(error: unknown): string {
  const message =
    error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
  const first = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
  return first.trim();
}
