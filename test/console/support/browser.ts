/**
 * A real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core: one browser per
 * test file, started before its suite and closed after.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The built console the server serves. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));
/** Where the tests leave screenshots of the main pages (a CI artifact; gitignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../artifacts/screenshots/', import.meta.url));

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserFixture {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and CSP refusals seen so far (answers with 4xx are expected and not listed). */
  errors: string[];
  /** Saves a full-page screenshot as artifacts/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

/**
 * Launches Chromium before the suite (English UI unless `locale` says otherwise). `screenshots: false`
 * (a second engine running the same spec) keeps the first engine's pictures.
 */
export function useBrowser(options: { locale?: string; screenshots?: boolean } = {}): () => BrowserFixture {
  let fixture: BrowserFixture | undefined;
  beforeAll(async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const context = await browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    const page = await context.newPage();
    // A step that cannot happen fails within the test's time, with the step named.
    page.setDefaultTimeout(10_000);
    // An uncaught exception or a CSP refusal is a bug; an API refusal (4xx) the page shows is not.
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`exception: ${err.message}`));
    // Only the console's own pages count (an OA's login page is not ours).
    page.on('console', (msg) => {
      if (!page.url().includes('/console')) return;
      if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) errors.push(msg.text());
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    fixture = {
      browser,
      context,
      page,
      errors,
      screenshot: async (name) => {
        if (options.screenshots === false) return;
        await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
      },
    };
  });
  afterAll(async () => {
    await fixture?.browser.close();
  });
  return () => {
    if (!fixture) throw new Error('useBrowser: the suite has not started yet');
    return fixture;
  };
}
