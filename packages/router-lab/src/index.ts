/** The lab's library surface: the outcome file format (bench/router.ts reads its prompts). */
export { type OutcomeRecord, parseOutcomeLines } from "./eval/outcomes";
