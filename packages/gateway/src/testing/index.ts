export * from "./fakes";
export * from "./memory-outcome-store";
