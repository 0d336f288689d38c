/** A hand-written SVG of quality vs cost: each strategy's curve, the two models and the policy point. */
import type { CurvePoint } from "./metrics";

export interface SvgSeries {
  label: string;
  color: string;
  points: readonly CurvePoint[];
  dashed?: boolean;
}
export interface SvgMarker {
  label: string;
  color: string;
  costUsd: number;
  quality: number;
}

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function curveSvg(
  title: string,
  series: readonly SvgSeries[],
  markers: readonly SvgMarker[],
): string {
  const width = 720;
  const height = 460;
  const left = 70;
  const right = 190;
  const top = 40;
  const bottom = 50;
  const all = [...series.flatMap((s) => s.points), ...markers];
  const maxCost = Math.max(...all.map((p) => p.costUsd)) * 1.05 || 1;
  const qualities = all.map((p) => p.quality);
  const minQ = Math.min(...qualities) - 0.02;
  const maxQ = Math.max(...qualities) + 0.02;
  const x = (cost: number) => left + (cost / maxCost) * (width - left - right);
  const y = (q: number) => top + (1 - (q - minQ) / (maxQ - minQ || 1)) * (height - top - bottom);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${left}" y="24" font-size="15">${escapeXml(title)}</text>`);
  out.push(
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
  );
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const cost = (maxCost * i) / 4;
    const q = minQ + ((maxQ - minQ) * i) / 4;
    out.push(
      `<text x="${x(cost)}" y="${height - bottom + 16}" text-anchor="middle">$${cost.toFixed(cost < 1 ? 3 : 2)}</text>`,
    );
    out.push(`<text x="${left - 6}" y="${y(q) + 4}" text-anchor="end">${q.toFixed(3)}</text>`);
  }
  out.push(
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">cost (USD)</text>`,
  );
  out.push(
    `<text x="16" y="${(top + height - bottom) / 2}" transform="rotate(-90 16 ${(top + height - bottom) / 2})" text-anchor="middle">quality</text>`,
  );
  series.forEach((s, i) => {
    const sorted = s.points.slice().sort((a, b) => a.costUsd - b.costUsd);
    const path = sorted
      .map((p, j) => `${j === 0 ? "M" : "L"}${x(p.costUsd).toFixed(1)},${y(p.quality).toFixed(1)}`)
      .join(" ");
    out.push(
      `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ""}/>`,
    );
    out.push(
      `<line x1="${width - right + 14}" y1="${top + 10 + i * 18}" x2="${width - right + 34}" y2="${top + 10 + i * 18}" stroke="${s.color}" stroke-width="2"/>`,
    );
    out.push(
      `<text x="${width - right + 40}" y="${top + 14 + i * 18}">${escapeXml(s.label)}</text>`,
    );
  });
  markers.forEach((m, i) => {
    const row = series.length + i;
    out.push(
      `<circle cx="${x(m.costUsd).toFixed(1)}" cy="${y(m.quality).toFixed(1)}" r="5" fill="${m.color}"/>`,
    );
    out.push(
      `<circle cx="${width - right + 24}" cy="${top + 10 + row * 18}" r="5" fill="${m.color}"/>`,
    );
    out.push(
      `<text x="${width - right + 40}" y="${top + 14 + row * 18}">${escapeXml(m.label)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
