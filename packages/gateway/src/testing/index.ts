export * from "./fakes";
export * from "./memory-outcomes";
export * from "./memory-responses";
