/** Test helpers of @switchyard/server (`@switchyard/server/testing`): stores in memory. */
export { MemoryLearnedRouterStore } from "./memory-learned-router-store";
export { MemoryOutcomeStore } from "./memory-outcome-store";
export { gradedOutcome } from "./outcomes";
