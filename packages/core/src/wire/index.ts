export * from "./anthropic-messages";
export * from "./message-text";
export * from "./openai-request";
export * from "./openai-response";
export * from "./parse";
