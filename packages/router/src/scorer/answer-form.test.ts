import { describe, expect, it } from "vitest";
import { expectsDefiniteAnswer } from "./answer-form";

describe("prompts that ask for a definite answer", () => {
  it("multiple choice: two or more lettered options at line starts", () => {
    expect(expectsDefiniteAnswer("Which is a prime?\nA. 4\nB. 7\nAnswer:")).toBe(true);
    expect(expectsDefiniteAnswer("Pick one:\n(A) red\n(B) blue")).toBe(true);
    expect(expectsDefiniteAnswer("Pick one:\nA) red\nB) blue")).toBe(true);
    // One lettered line is not a choice.
    expect(expectsDefiniteAnswer("Notes:\nA. see above")).toBe(false);
  });

  it("word problems: numbers (digits or words) and a request for a quantity or a final question", () => {
    expect(expectsDefiniteAnswer("Tom has 3 apples and buys 4 more. How many does he have?")).toBe(
      true,
    );
    expect(expectsDefiniteAnswer("If Cindy has four pets, how many do the three have?")).toBe(true);
    expect(expectsDefiniteAnswer("A book costs $19.50 after a 25% discount. Its old price?")).toBe(
      true,
    );
    expect(expectsDefiniteAnswer("Calculate 12 * 7.")).toBe(true);
    expect(expectsDefiniteAnswer("What is the area of a 3 by 4 rectangle")).toBe(true);
  });

  it("open-ended requests, even with numbers in them, do not", () => {
    expect(expectsDefiniteAnswer("Write a 500-word blog post about Hawaii.")).toBe(false);
    expect(expectsDefiniteAnswer("Explain quantum entanglement to a child.")).toBe(false);
    expect(expectsDefiniteAnswer("Write a function to find the kth smallest of two lists.")).toBe(
      false,
    );
    expect(expectsDefiniteAnswer("How many ways are there to say hello?")).toBe(false);
    expect(expectsDefiniteAnswer("")).toBe(false);
  });
});
