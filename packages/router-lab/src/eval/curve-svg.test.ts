import { describe, expect, it } from "vitest";
import { curveSvg } from "./curve-svg";

describe("curveSvg", () => {
  it("draws each series and marker, escaping labels", () => {
    const points = [
      { threshold: 0, strongShare: 0, quality: 0.5, costUsd: 1 },
      { threshold: 1, strongShare: 1, quality: 0.9, costUsd: 10 },
    ];
    const svg = curveSvg(
      "a <b> & c",
      [{ label: "classifier", color: "#000", points }],
      [{ label: "all strong", color: "#f00", costUsd: 10, quality: 0.9 }],
    );
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("a &#60;b&#62; &#38; c");
    expect(svg.match(/<path /g)?.length).toBe(1);
    expect(svg).toContain(">all strong<");
  });
});
