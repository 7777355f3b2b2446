import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
 * Playwright gives each launch a fresh temporary profile. The background-networking flags keep Chromium from dialling out on a closed network.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
