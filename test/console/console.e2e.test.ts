/**
 * The console in a real headless Chromium, as an admin uses it: sign in, build the department tree,
 * add an employee (the API's validation message shown, then fixed), find them, rotate an app secret
 * and call the IoT API with the new one, read the audit log, switch to Chinese.
 */
import { describe, expect, it } from 'vitest';
import { envelope, gatewayClient, PATHS, type IotEnvelope } from '../iot/support.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { useBrowser } from './support/browser.js';
import { alertText, expectNoBrowserErrors, openPage, signInWithPassword, unlabelledControls } from './support/pages.js';
import { ADMIN_PASSWORD, companyWithAdmin, type ConsoleWorld } from './support/world.js';

const NEW_PASSWORD = 'Brand-New-Passw0rd';

// This spec runs on both engines (the screenshots come from SQLite); the other browser specs on SQLite only.
for (const db of testDatabases()) describe(`the web console in Chromium (${db.name})`, () => {
  const roster = useRoster(db);
  const browser = useBrowser({ screenshots: db.name === 'sqlite' });
  let world: ConsoleWorld;

  it('signs a company admin in with phone and password', async () => {
    world = await companyWithAdmin(roster());
    const { page, screenshot } = browser();
    await page.goto(`${roster().baseUrl}/console/`);
    await page.getByLabel('Company ID').fill(world.company.companyId);
    await screenshot('01-sign-in');
    await page.getByLabel('Phone or email').fill(world.adminPhone);
    await page.getByLabel('Password', { exact: true }).fill('wrong-Password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await alertText(page)).toContain('auth.sign_in_failed');
    await signInWithPassword(page, roster().baseUrl, world);
    await expect.poll(() => page.getByText('Signed in as Ada Admin').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('row', { name: /Ada Admin/ }).isVisible()).toBe(true);
    // A reload (or a deep link) keeps the admin signed in: the page asks the server who the cookie is.
    await page.goto(`${roster().baseUrl}/console/departments`);
    await page.getByRole('heading', { name: 'Departments' }).waitFor();
    await page.getByText('Signed in as Ada Admin').waitFor();
    await openPage(page, 'Employees');
  });

  it('creates a department under the root and shows it in the tree with its member count', async () => {
    const { page, screenshot } = browser();
    await openPage(page, 'Departments');
    await page.getByLabel('Department code').fill('RD');
    await page.getByLabel('Name', { exact: true }).last().fill('研发部');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('status').filter({ hasText: 'Added 研发部' }).waitFor();
    const node = page.getByRole('list', { name: 'Department tree' }).getByRole('button', { name: /研发部 RD/ });
    await node.waitFor();
    await expect.poll(() => node.textContent()).toContain('0 members');
    const tree = await world.sdk.departments.tree(world.company.companyId);
    expect(tree.children.map((d) => [d.deptCode, d.name])).toEqual([['RD', '研发部']]);
    await screenshot('03-departments');
  });

  it('renames, moves and deletes a department', async () => {
    const { page } = browser();
    const tree = page.getByRole('list', { name: 'Department tree' });
    await page.getByLabel('Department code').fill('QA');
    await page.getByLabel('Name', { exact: true }).last().fill('Quality');
    await page.getByRole('button', { name: 'Add department' }).click();
    await tree.getByRole('button', { name: /Quality QA/ }).click();
    const editor = page.getByRole('form', { name: 'Edit Quality' });
    await editor.getByLabel('Name', { exact: true }).fill('质量部');
    await editor.getByLabel('Move under').selectOption('RD');
    await editor.getByRole('button', { name: 'Save' }).click();
    await tree.getByRole('button', { name: /质量部 QA/ }).waitFor();
    expect(await world.sdk.departments.get(world.company.companyId, 'QA')).toMatchObject({ name: '质量部', parentCode: 'RD' });
    // Nested under RD in the tree.
    expect(await tree.locator('li', { has: page.getByRole('button', { name: /研发部 RD/ }) }).getByRole('button', { name: /质量部 QA/ }).count()).toBe(1);

    await tree.getByRole('button', { name: /质量部 QA/ }).click();
    await page.getByRole('button', { name: 'Delete department' }).click();
    await page.getByRole('dialog', { name: 'Delete department' }).getByRole('button', { name: 'Delete department' }).click();
    await expect.poll(() => tree.getByRole('button', { name: /QA/ }).count()).toBe(0);
    const after = await world.sdk.departments.tree(world.company.companyId);
    expect(after.children.map((d) => d.deptCode)).toEqual(['RD']);
    expect(after.children[0]!.children).toEqual([]);
  });

  it('sets up levels and a cost center, which the employee form then offers', async () => {
    const { page, screenshot } = browser();
    await openPage(page, 'Setup');
    await page.getByLabel('New levels').fill('P1, P2');
    await page.getByRole('region', { name: 'Levels' }).getByRole('button', { name: 'Add' }).click();
    await page.getByRole('region', { name: 'Levels' }).getByText('P2').waitFor();
    await page.getByLabel('New cost center').fill('R&D costs');
    await page.getByRole('region', { name: 'Cost centers' }).getByRole('button', { name: 'Add' }).click();
    await page.getByRole('region', { name: 'Cost centers' }).getByText('R&D costs').waitFor();
    expect(await world.sdk.setup.levels.list(world.company.companyId)).toEqual(['P1', 'P2']);
    await screenshot('07-setup');
  });

  it('adds an employee: the API’s validation message shows under the field, and the fixed form saves', async () => {
    const { page, screenshot } = browser();
    await openPage(page, 'Employees');
    await page.getByRole('link', { name: 'Add employee' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bo Builder');
    await page.getByLabel('User ID').fill('bo.builder');
    await page.getByLabel('Mobile').fill('12345');
    await page.getByLabel('Department').selectOption('RD');
    await page.getByLabel('Level', { exact: true }).selectOption('P2');
    await page.getByRole('button', { name: 'Create employee' }).click();
    // The API's own message, under the field it names, and nothing was created.
    const mobile = page.getByLabel('Mobile');
    await expect.poll(() => mobile.getAttribute('aria-invalid')).toBe('true');
    const message = await alertText(page);
    expect(message).toMatch(/mobile/);
    expect(message).toContain('request.invalid_params');
    // The field shows the very words the API answered.
    const fieldMessage = (await page.locator('.field.invalid .field-error').textContent())!;
    expect(fieldMessage).toMatch(/mobile/);
    expect(message).toContain(fieldMessage);
    expect((await world.sdk.employees.list(world.company.companyId, { keyword: 'Bo Builder' })).items).toEqual([]);
    await screenshot('04-employee-validation-error');

    await mobile.fill('13912345678');
    await page.getByRole('button', { name: 'Create employee' }).click();
    await page.getByRole('heading', { name: 'Bo Builder' }).waitFor();
    expect(page.url()).toMatch(/\/console\/employees\/[^/]+$/);
    const [bo] = (await world.sdk.employees.list(world.company.companyId, { userid: 'bo.builder' })).items;
    expect(bo).toMatchObject({ name: 'Bo Builder', mobile: '13912345678', deptCode: 'RD', level: 'P2', status: 'active' });
    await screenshot('05-employee-detail');
  });

  it('finds the employee by keyword, and only them', async () => {
    const { page, screenshot } = browser();
    await world.sdk.employees.create(world.company.companyId, { name: 'Cy Other', mobile: '13912340000' });
    await openPage(page, 'Employees');
    await page.getByRole('row', { name: /Cy Other/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('builder');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(() => page.getByRole('row', { name: /Cy Other/ }).count()).toBe(0);
    const rows = page.getByRole('table', { name: 'Employees' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(2); // the header and Bo
    expect(await rows.nth(1).textContent()).toContain('13912345678');
    expect(await rows.nth(1).textContent()).toContain('研发部');
    await screenshot('02-employees');
  });

  it('resigns the employee after confirming, then restores them', async () => {
    const { page } = browser();
    await page.getByRole('link', { name: 'Bo Builder' }).click();
    await page.getByRole('button', { name: 'Resign' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resign' });
    await dialog.getByRole('button', { name: 'Resign' }).click();
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    const [bo] = (await world.sdk.employees.list(world.company.companyId, { userid: 'bo.builder', status: 'all' })).items;
    expect(bo!.status).toBe('resigned');
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('dialog', { name: 'Restore' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Resign' }).waitFor();
    expect((await world.sdk.employees.get(world.company.companyId, bo!.employeeId)).status).toBe('active');
  });

  it('creates an app, rotates its secret (shown once), and the IoT API accepts the new secret', async () => {
    const { page, screenshot } = browser();
    await openPage(page, 'Apps');
    await page.getByLabel('Name', { exact: true }).fill('HR sync');
    await page.getByRole('button', { name: 'Create app' }).click();
    const appKey = (await page.getByTestId('app-key').textContent())!;
    const firstSecret = (await page.getByTestId('app-secret').textContent())!;
    expect(firstSecret.length).toBeGreaterThan(16);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expect.poll(() => page.getByTestId('app-secret').count()).toBe(0);

    const row = page.getByRole('row', { name: new RegExp(appKey) });
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: 'Rotate secret' }).getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByTestId('app-secret').waitFor();
    const newSecret = (await page.getByTestId('app-secret').textContent())!;
    expect(newSecret).not.toBe(firstSecret);
    await screenshot('06-apps-secret-once');

    const url = `${roster().baseUrl}${PATHS.query}`;
    const body = { data: envelope('query', { companyId: world.company.companyId, pageNo: 1, pageSize: 10 }) };
    const answer = (await gatewayClient({ appKey, appSecret: newSecret }).post(url, body)) as IotEnvelope<{ total: number }>;
    expect(answer.code).toBe(200);
    expect(answer.data.total).toBe(3); // Ada, Bo, Cy
  });

  it('sets an app’s rate limit, disables and enables it', async () => {
    const { page } = browser();
    const [app] = (await world.sdk.apps.list({ companyId: world.company.companyId })).items;
    await page.getByLabel('Rate limit of HR sync', { exact: true }).fill('25');
    await page.getByRole('button', { name: 'Save the rate limit of HR sync' }).click();
    await expect.poll(async () => (await world.sdk.apps.get(app!.appKey)).rateLimit).toBe(25);
    const row = page.getByRole('row', { name: new RegExp(app!.appKey) });
    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable' }).getByRole('button', { name: 'Disable' }).click();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
    expect((await world.sdk.apps.get(app!.appKey)).disabled).toBe(true);
    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByRole('button', { name: 'Disable' }).waitFor();
    expect((await world.sdk.apps.get(app!.appKey)).disabled).toBe(false);
  });

  it('shows the changes in the audit log, filtered by object', async () => {
    const { page, screenshot } = browser();
    await openPage(page, 'Audit log');
    await page.getByLabel('Object type').fill('department');
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
    // Newest first: QA deleted, QA renamed and moved, QA created, RD created; each by Ada.
    const actions = async () => (await rows.allTextContents()).slice(1).map((r) => /(create|update|delete)Department/.exec(r)?.[0]);
    await expect.poll(actions).toEqual(['deleteDepartment', 'updateDepartment', 'createDepartment', 'createDepartment']);
    // The log names a console admin by employee id only (erasure leaves no copy of the name): the main account's.
    const { mainEmployeeId } = await world.sdk.companies.get(world.company.companyId);
    expect(await rows.nth(1).textContent()).toContain(`admin:${mainEmployeeId}`);
    await page.getByLabel('Object ID').fill('RD');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(actions).toEqual(['createDepartment']);
    await screenshot('08-audit');
  });

  it('labels every control on every page, and the pages can be reached from the keyboard', async () => {
    const { page } = browser();
    for (const name of ['Employees', 'Departments', 'Import', 'Setup', 'Apps', 'OA connectors', 'Audit log', 'My account']) {
      await openPage(page, name);
      expect(await unlabelledControls(page), `unlabelled controls on ${name}`).toEqual([]);
    }
    await openPage(page, 'Employees');
    await page.getByRole('link', { name: 'Add employee' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New employee' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    // Keyboard only: the focused name field, typed into, submitted with Enter.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('Kay Keyboard');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Kay Keyboard' }).waitFor();
  });

  it('deletes an employee for good after confirming', async () => {
    const { page } = browser();
    const [kay] = (await world.sdk.employees.list(world.company.companyId, { keyword: 'Kay Keyboard' })).items;
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    const gone = await world.sdk.employees.get(world.company.companyId, kay!.employeeId).then(
      () => null,
      (e: { code: string }) => e.code,
    );
    expect(gone).toBe('employee.not_found');
  });

  it('switches to Chinese, and the page follows', async () => {
    const { page, screenshot } = browser();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '员工', exact: true }).click();
    await page.getByRole('heading', { name: '员工' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot('09-employees-zh');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
  });

  it('follows a Chinese browser until the admin picks a language', async () => {
    const context = await browser().browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(`${roster().baseUrl}/console/`);
      await page.getByRole('heading', { name: '登录 Roster' }).waitFor();
      expect(await page.getByLabel('企业 ID').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('changes the admin’s password (the current one is checked)', async () => {
    const { page } = browser();
    await openPage(page, 'My account');
    await page.getByLabel('Current password').fill('not-the-Passw0rd');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await alertText(page)).toContain('currentPassword is not the current password');
    await page.getByLabel('Current password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
  });

  it('signs out, and the API no longer answers the browser', async () => {
    const { page, errors } = browser();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
    const status = await page.evaluate(async (cid) => (await fetch(`/admin/v1/companies/${cid}/employees`)).status, world.company.companyId);
    expect(status).toBe(401);
    expectNoBrowserErrors(errors);
  });

  it('signs in with the new password only', async () => {
    const { page } = browser();
    await page.getByLabel('Phone or email').fill(world.adminPhone);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await alertText(page)).toContain('auth.sign_in_failed');
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
  });
});
