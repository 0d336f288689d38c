/** Structured JSON logs (pino). Keys, prompts and completions are never logged. */
import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "switchyard" },
    redact: {
      paths: ["req.headers.authorization", 'req.headers["x-api-key"]', "apiKey", "password"],
      remove: true,
    },
  });
}
