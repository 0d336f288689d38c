export * from "./fakes";
export * from "./memory-outcomes";
