/**
 * Bulk import and export from the console in Chromium: the template download, a dry run that lists
 * the bad rows with their codes and messages and changes nothing, the import with its progress and
 * per-row results, the result file, and the filtered list exported as CSV.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Download, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { useBrowser } from './support/browser.js';
import { expectNoBrowserErrors, openPage, signInWithPassword } from './support/pages.js';
import { companyWithAdmin, type ConsoleWorld } from './support/world.js';

const sqlite = testDatabases()[0]!;
const work = mkdtempSync(join(tmpdir(), 'roster-console-import-'));

/** A CSV as Excel saves it (UTF-8 with a BOM). */
function csvOf(rows: string[][]): string {
  return `\uFEFF${stringify(rows)}`;
}

/** Clicks and returns the download it starts, saved to the work folder. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(work, download.suggestedFilename());
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return { download, rows: parse(text, { relax_column_count: true }) as string[][] };
}

describe(`console import and export in Chromium (${sqlite.name})`, () => {
  const roster = useRoster(sqlite);
  const browser = useBrowser();
  let world: ConsoleWorld;
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const api = async <T>(path: string): Promise<T> =>
    (await fetch(`${roster().baseUrl}/admin/v1${path}`, { headers: { authorization: `Bearer ${world.token}` } })).json() as Promise<T>;

  const FILE = [
    ['userid', 'name', 'mobile', 'email', 'dept_code'],
    ['imp-1', 'Ivy Import', '13911110001', 'ivy@acme.example', 'OPS'],
    ['imp-2', 'Bad Phone', '123', '', 'OPS'],
    ['imp-3', 'Jay Import', '13911110003', '', ''],
    ['imp-4', 'No Such Dept', '13911110004', '', 'NOPE'],
  ];

  it('downloads the template with English column names', async () => {
    world = await companyWithAdmin(roster());
    await world.sdk.departments.create(world.company.companyId, { deptCode: 'OPS', name: 'Operations' });
    const { page } = browser();
    await signInWithPassword(page, roster().baseUrl, world);
    await openPage(page, 'Import');
    const { download, rows } = await downloadOf(page, () => page.getByRole('button', { name: 'Download the template (CSV · English)' }).click());
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(rows[0]).toEqual(expect.arrayContaining(['userid', 'name', 'mobile', 'email', 'dept_code']));
  });

  it('dry-runs a file: the bad rows are listed with the API’s codes and messages, and nobody is created', async () => {
    const { page, screenshot } = browser();
    const file = join(work, 'people.csv');
    writeFileSync(file, csvOf(FILE));
    await page.getByLabel('CSV or XLSX file').setInputFiles(file);
    await page.getByRole('button', { name: 'Dry run', exact: true }).click();
    await page.getByTestId('import-status').filter({ hasText: 'Done' }).waitFor();
    const table = page.getByRole('table', { name: 'Rows' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3); // header + two failed rows
    const shown = (await table.getByRole('row').allTextContents()).slice(1);
    // The page shows exactly the API's per-row answer: row, code and message.
    const jobs = await api<{ items: { importId: string }[] }>(`/companies/${world.company.companyId}/employee-imports`);
    const errors = await api<{ items: { row: number; code: number; message: string }[] }>(
      `/companies/${world.company.companyId}/employee-imports/${jobs.items[0]!.importId}/rows?onlyErrors=true`,
    );
    expect(errors.items.map((r) => r.row)).toEqual([2, 4]);
    expect(shown).toEqual(errors.items.map((r) => `${r.row}Failed${r.code}${r.message}`));
    expect((await world.sdk.employees.list(world.company.companyId, { keyword: 'Import' })).items).toEqual([]);
    await screenshot('10-import-dry-run');
  });

  it('imports the file with a progress bar; good rows are created, bad rows reported, the result file has every row', async () => {
    const { page, screenshot } = browser();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import of people.csv' }).waitFor();
    await page.getByTestId('import-status').filter({ hasText: 'Done' }).waitFor();
    expect(await page.getByTestId('import-status').textContent()).toContain('2 created, 0 updated, 0 unchanged, 2 failed');
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value')).toBe('4');
    const created = (await world.sdk.employees.list(world.company.companyId, { keyword: 'Import' })).items.map((e) => e.userid).sort();
    expect(created).toEqual(['imp-1', 'imp-3']);
    await screenshot('11-import-done');

    const { rows } = await downloadOf(page, () => page.getByRole('button', { name: 'Results (CSV)' }).click());
    const header = rows[0]!;
    const outcome = header.indexOf('outcome');
    expect(outcome).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => [r[header.indexOf('userid')], r[outcome]])).toEqual([
      ['imp-1', 'created'],
      ['imp-2', 'failed'],
      ['imp-3', 'created'],
      ['imp-4', 'failed'],
    ]);
  });

  it('exports the filtered list as CSV: the department filter applies to the file', async () => {
    const { page, errors } = browser();
    await openPage(page, 'Employees');
    await page.getByLabel('Department').selectOption('OPS');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Jay Import/ }).count()).toBe(0);
    const { rows } = await downloadOf(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    const names = rows.slice(1).map((r) => r[rows[0]!.indexOf('name')]);
    expect(names).toEqual(['Ivy Import']);
    expectNoBrowserErrors(errors);
  });
});
