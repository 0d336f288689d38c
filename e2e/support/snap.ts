import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-page screenshot of what the test sees as an artifact of the test. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(
    `${String(testInfo.attachments.length + 1).padStart(2, "0")}-${name}.png`,
  );
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}
