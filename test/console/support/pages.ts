/** Steps a person takes in the console, shared by the browser tests. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN_PASSWORD, type ConsoleWorld } from './world.js';

/** Opens the console and signs in with the company id, phone and password. */
export async function signInWithPassword(page: Page, baseUrl: string, world: ConsoleWorld): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('Company ID').fill(world.company.companyId);
  await page.getByLabel('Phone or email').fill(world.adminPhone);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Employees' }).waitFor();
}

/** Goes to a page through the navigation, as a person would. */
export async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The text of the page's alert (an API refusal), or '' when there is none. */
export async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

export function expectNoBrowserErrors(errors: string[]): void {
  expect(errors, 'the browser reported errors (CSP violations, exceptions)').toEqual([]);
}

/** Form controls on the page that have neither a <label> nor an aria-label (each should have one). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
      .filter((el) => el.type !== 'hidden' && (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML),
  );
}
