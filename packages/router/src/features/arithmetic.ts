/**
 * Checks the arithmetic an answer writes out ("15 + 25 = 40", "<<3*20=60>>"): a wrong stated
 * calculation is strong evidence the answer is wrong, for any model.
 */
const calculation =
  /((?:\d[\d,]*(?:\.\d+)?\s*[-+*/×÷]\s*)+\d[\d,]*(?:\.\d+)?)\s*=\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?)/g;
const token = /\d[\d,]*(?:\.\d+)?|[-+*/×÷]/g;

const toNumber = (text: string) => Number(text.replace(/,/g, ""));

/** Evaluates "a op b op c" with * and / before + and -. NaN when it cannot. */
export function evaluateExpression(expression: string): number {
  const parts = expression.match(token);
  if (!parts || parts.length % 2 === 0) return Number.NaN;
  const terms: number[] = [toNumber(parts[0] ?? "")];
  const signs: number[] = [1];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const op = parts[i];
    const value = toNumber(parts[i + 1] ?? "");
    if (op === "+" || op === "-") {
      terms.push(value);
      signs.push(op === "+" ? 1 : -1);
    } else {
      const lastIndex = terms.length - 1;
      const lastValue = terms[lastIndex] ?? 0;
      terms[lastIndex] = op === "*" || op === "×" ? lastValue * value : lastValue / value;
    }
  }
  let total = 0;
  for (let i = 0; i < terms.length; i++) total += (terms[i] ?? 0) * (signs[i] ?? 1);
  return total;
}

interface ArithmeticCheck {
  checked: number;
  wrong: number;
}

export function checkArithmetic(text: string): ArithmeticCheck {
  let checked = 0;
  let wrong = 0;
  for (const match of text.replace(/\$/g, "").matchAll(calculation)) {
    const expected = evaluateExpression(match[1] ?? "");
    const stated = toNumber(match[2] ?? "");
    if (!Number.isFinite(expected) || !Number.isFinite(stated)) continue;
    checked++;
    const tolerance = Math.max(0.011, Math.abs(expected) * 0.005);
    if (Math.abs(expected - stated) > tolerance) wrong++;
  }
  return { checked, wrong };
}
