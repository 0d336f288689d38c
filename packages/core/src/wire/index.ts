export * from "./anthropic-messages";
export * from "./openai-request";
export * from "./openai-response";
export * from "./parse";
