import { describe, expect, it } from "vitest";
import { checkArithmetic, evaluateExpression } from "./arithmetic";

describe("arithmetic check", () => {
  it("evaluates with * and / before + and -", () => {
    expect(evaluateExpression("2 + 3 * 4")).toBe(14);
    expect(evaluateExpression("10 - 6 / 2")).toBe(7);
    expect(evaluateExpression("1,200 × 2")).toBe(2400);
  });

  it("counts right and wrong stated calculations", () => {
    expect(checkArithmetic("15 + 25 = 40 and 3 * 20 = 60")).toEqual({ checked: 2, wrong: 0 });
    expect(checkArithmetic("3 * 20 = 70")).toEqual({ checked: 1, wrong: 1 });
    expect(checkArithmetic("total <<2+12+1.2=15.2>>15.2")).toEqual({ checked: 1, wrong: 0 });
    expect(checkArithmetic("$3 + $3 + $4 = $10")).toEqual({ checked: 1, wrong: 0 });
    expect(checkArithmetic("180 + 15 + 120 = 315")).toEqual({ checked: 1, wrong: 0 });
    expect(checkArithmetic("10 / 3 = 3.33")).toEqual({ checked: 1, wrong: 0 });
    expect(checkArithmetic("no calculations here")).toEqual({ checked: 0, wrong: 0 });
  });
});
