/**
 * Rule regexes: RE2 syntax on a linear-time engine (re2js, a pure JavaScript port of RE2), so a
 * pattern cannot backtrack; it reads a bounded window of the prompt, so one rule's cost is bounded.
 */
import { RE2JS } from "re2js";

/**
 * A regex rule reads the first 4,096 characters of the prompt text. That is the whole prompt for
 * 99.99% of the 18,967 real prompts in the eval files (p99 2,217 characters, longest 5,177), and it
 * caps a rule's work: about 10 ns a character on ordinary patterns (≤ 40 µs), and tens to hundreds
 * of milliseconds on input built to defeat the engine's DFA cache (measured, README "Regex dialect").
 */
export const REGEX_WINDOW_CHARS = 4096;
/** Longest pattern source accepted. */
export const MAX_REGEX_LENGTH = 1000;
/**
 * Largest compiled program (RE2's size measure: `\w{100}` is 102, the routing patterns we have
 * seen 7–70). When the DFA gives up, the NFA's work is the window times this.
 */
export const MAX_REGEX_PROGRAM = 200;

const flagBits: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0, // RE2 always matches by code point
};

export type RuleRegex = { readonly ok: true; test(text: string): boolean };
export type RegexProblem = { readonly ok: false; problem: string };

/** RE2's parse error, said for a policy author (the engine's messages name Go/Perl syntax). */
function describe(message: string): string {
  const detail = message.replace(/^error parsing regexp: /, "");
  if (/invalid escape sequence: `\\([1-9]|k)`/.test(detail))
    return "backreferences are not supported (RE2 syntax)";
  if (/`\(\?<?[=!]/.test(detail)) return "lookarounds are not supported (RE2 syntax)";
  return `invalid regular expression (RE2 syntax): ${detail}`;
}

/** Compiles a rule's pattern and flags (`imsu`), or says why it cannot run. */
export function compileRuleRegex(pattern: string, flags = ""): RuleRegex | RegexProblem {
  if (pattern.length > MAX_REGEX_LENGTH)
    return { ok: false, problem: `longer than ${MAX_REGEX_LENGTH} characters` };
  let bits = 0;
  for (const flag of flags) {
    const bit = flagBits[flag];
    if (bit === undefined) return { ok: false, problem: `unknown flag "${flag}"` };
    bits |= bit;
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern, bits);
  } catch (error) {
    return { ok: false, problem: describe(error instanceof Error ? error.message : String(error)) };
  }
  if (regex.programSize() > MAX_REGEX_PROGRAM)
    return {
      ok: false,
      problem: `too large: compiles to ${regex.programSize()} instructions, more than ${MAX_REGEX_PROGRAM}`,
    };
  return { ok: true, test: (text) => regex.test(text) };
}
