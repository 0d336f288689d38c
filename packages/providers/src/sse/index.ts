export * from "./sse-decoder";
export * from "./sse-encoder";
