export * from "./api-keys";
export * from "./domain";
export * from "./errors";
export * from "./model-scope";
export * from "./money";
export * from "./outcomes";
export * from "./ports";
export * from "./wire";
