// Test helper (left out of the published files): headless Debian Chromium driven by playwright-core.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's `chromium` package (`apt-get install -y chromium`); playwright cannot download browsers here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is installed; says why the browser tests are skipped when it is not. */
export function haveChromium(): boolean {
  const ok = existsSync(CHROMIUM);
  if (!ok)
    console.warn(`[viewer] skipping the browser tests: ${CHROMIUM} not found (apt-get install -y chromium)`);
  return ok;
}

/** A headless Chromium with a fresh profile that goes nowhere by itself; close() removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'viewer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
