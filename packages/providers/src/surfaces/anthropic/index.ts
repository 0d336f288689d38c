export * from "./anthropic-stream-encoder";
export * from "./anthropic-to-canonical";
export * from "./canonical-to-anthropic";
