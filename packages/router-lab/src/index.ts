/** The lab's library surface: the outcome file reader (bench/router.ts takes its prompts from it). */
export { parseOutcomeLines } from "./eval/outcomes";
