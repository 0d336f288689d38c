import { expect, type Locator, test } from "@playwright/test";
import { chatCompletion, createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

type Rgb = [number, number, number];

const parseRgb = (value: string): Rgb => {
  const match = value.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/);
  if (!match) throw new Error(`not an rgb colour: ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
};

/** WCAG relative luminance. */
const luminance = ([r, g, b]: Rgb) => {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

const contrast = (a: Rgb, b: Rgb) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/**
 * The element's text colour and the first non-transparent background behind it, as sRGB (the
 * browser computes some colours as lab() or oklch(): a canvas converts them).
 */
async function colours(locator: Locator): Promise<{ text: Rgb; background: Rgb }> {
  const found = await locator.evaluate((element) => {
    const canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const toRgb = (value: string) => {
      if (!context) throw new Error("no canvas");
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = value;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    };
    let node: Element | null = element;
    let background = "rgb(255, 255, 255)";
    while (node) {
      const value = getComputedStyle(node).backgroundColor;
      if (value !== "rgba(0, 0, 0, 0)" && value !== "transparent") {
        background = toRgb(value);
        break;
      }
      node = node.parentElement;
    }
    const style = getComputedStyle(element);
    const text = element instanceof SVGElement ? style.fill : style.color;
    return { text: toRgb(text), background };
  });
  return { text: parseRgb(found.text), background: parseRgb(found.background) };
}

async function expectReadable(locator: Locator, minimum = 4.5) {
  await expect(locator).toBeVisible();
  const { text, background } = await colours(locator);
  expect(contrast(text, background), (await locator.textContent()) ?? "").toBeGreaterThanOrEqual(
    minimum,
  );
}

test.describe("dark mode", () => {
  test.use({ colorScheme: "dark" });

  test("with the system in dark mode the console is dark and its text keeps its contrast", async ({
    page,
  }, testInfo) => {
    await signIn(page);
    const teamId = await createTeam(page.request, `Dark ${uniqueSuffix()}`);
    const key = await createKey(page.request, teamId, { name: "night owl" });
    expect((await chatCompletion(page.request, key.secret, "hello")).status()).toBe(200);

    await page.goto(`/keys?team=${teamId}`);
    const body = await colours(page.locator("body"));
    expect(luminance(body.background)).toBeLessThan(0.05);
    await expectReadable(page.getByRole("heading", { level: 1 }), 7);
    await expectReadable(page.getByTestId("key-row").first().locator("td").first());
    await expectReadable(page.getByRole("button", { name: "Create key" }));
    const card = await colours(page.locator("section").first());
    expect(luminance(card.background)).toBeLessThan(0.05);
    await snap(page, testInfo, "keys-dark");

    // The overview's charts: axis text and legends readable on the dark cards.
    await expect(async () => {
      await page.goto(`/?team=${teamId}`);
      await expect(
        page.getByTestId("chart-spend").locator(".recharts-legend-item"),
      ).not.toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const chartCard = page.getByTestId("chart-spend");
    expect(luminance((await colours(chartCard)).background)).toBeLessThan(0.05);
    const tick = chartCard.locator(".recharts-cartesian-axis-tick-value").first();
    const tickFill = parseRgb(await tick.evaluate((element) => getComputedStyle(element).fill));
    expect(contrast(tickFill, (await colours(chartCard)).background)).toBeGreaterThanOrEqual(4.5);
    await expectReadable(chartCard.getByRole("heading"), 7);
    await snap(page, testInfo, "overview-dark");
  });
});

test.describe("light mode", () => {
  test.use({ colorScheme: "light" });

  test("in light mode the console stays light", async ({ page }) => {
    await signIn(page);
    await page.goto("/keys");
    const body = await colours(page.locator("body"));
    expect(luminance(body.background)).toBeGreaterThan(0.9);
    await expectReadable(page.getByRole("heading", { level: 1 }), 7);
  });
});
