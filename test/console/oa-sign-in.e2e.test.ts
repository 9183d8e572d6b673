/**
 * OA and operator sign-in in Chromium: an admin configures an OpenID Connect connector from the
 * form its config schema builds (the secret write-only), tests it, and then signs in through the
 * provider's own login page; an OA user who is no admin is turned away; an operator signs in with a
 * token and picks the company.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { useBrowser } from './support/browser.js';
import { startConsoleOidc, type ConsoleOidc } from './support/oidc.js';
import { alertText, expectNoBrowserErrors, openPage, signInWithPassword } from './support/pages.js';
import { companyWithAdmin, type ConsoleWorld } from './support/world.js';

const sqlite = testDatabases()[0]!;

describe(`console sign-in through OIDC and as an operator, in Chromium (${sqlite.name})`, () => {
  const roster = useRoster(sqlite);
  const browser = useBrowser();
  let world: ConsoleWorld;
  let oidc: ConsoleOidc;

  beforeAll(async () => {
    world = await companyWithAdmin(roster(), 'SSO Co');
    oidc = await startConsoleOidc(roster().baseUrl, [
      { sub: 'ada', name: 'Ada Admin', email: `ada${world.adminPhone}@acme.example`, phone_number: `+86${world.adminPhone}` },
      { sub: 'eve', name: 'Eve Outsider', email: 'eve@elsewhere.example', phone_number: '+8613000000999' },
    ]);
  });
  afterAll(async () => {
    await oidc?.close();
  });

  it('configures an OIDC connector from its form, tests it, and never shows the secret again', async () => {
    const { page, screenshot } = browser();
    await signInWithPassword(page, roster().baseUrl, world);
    await openPage(page, 'OA connectors');
    await page.getByLabel('Kind').selectOption('oidc');
    await page.getByLabel('Display name').fill('Company SSO');
    await page.getByLabel('issuer', { exact: true }).fill(oidc.issuer);
    await page.getByLabel('clientId', { exact: true }).fill(oidc.clientId);
    await page.getByLabel('clientSecret', { exact: true }).fill(oidc.clientSecret);
    await page.getByLabel('redirectUri', { exact: true }).fill(oidc.redirectUri);
    await page.getByRole('button', { name: 'Add connector' }).click();
    await page.getByRole('button', { name: 'Test the connection of Company SSO' }).click();
    await page.getByRole('status').filter({ hasText: 'Connection works.' }).waitFor();

    await page.getByRole('button', { name: 'Edit Company SSO' }).click();
    const secret = page.getByLabel('clientSecret', { exact: true });
    expect(await secret.inputValue()).toBe('');
    expect(await page.getByText('A value is stored').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(oidc.clientSecret);
    await screenshot('12-oa-connectors');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates an app that signs its users in through the connector', async () => {
    const { page } = browser();
    await openPage(page, 'Apps');
    await page.getByLabel('Name', { exact: true }).fill('Badge kiosk');
    await page.getByLabel('OA connector', { exact: true }).selectOption({ label: 'Company SSO' });
    await page.getByLabel('Sessions per user').fill('3');
    await page.getByRole('button', { name: 'Create app' }).click();
    const appKey = (await page.getByTestId('app-key').textContent())!;
    const [connector] = (await world.sdk.raw.GET('/companies/{companyId}/oa-connectors', { params: { path: { companyId: world.company.companyId } } })).data!.items;
    expect(await world.sdk.apps.get(appKey)).toMatchObject({ name: 'Badge kiosk', oaConnectorId: connector!.connectorId, sessionLimit: 3 });
    await page.getByRole('button', { name: 'I have stored it' }).click();
  });

  it('signs the admin in through the provider’s login page', async () => {
    const { page, screenshot } = browser();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
    // The company id is remembered from the last sign-in, so the company's OA button shows at once.
    await page.getByRole('link', { name: 'Sign in with Company SSO' }).waitFor();
    await screenshot('13-sign-in-with-oa');
    await page.getByRole('link', { name: 'Sign in with Company SSO' }).click();
    await page.locator('input[name=login]').fill('ada');
    await page.locator('input[name=password]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.getByText('Signed in as Ada Admin').waitFor();
    // A reload keeps the session: the page asks the server who is signed in.
    await page.reload();
    await page.getByText('Signed in as Ada Admin').waitFor();
  });

  it('turns away an OA user who is not an admin of the company, with the reason', async () => {
    const { page, context } = browser();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Forget the provider's own session of ada (cookies are per host, and both run on 127.0.0.1).
    await context.clearCookies();
    await page.getByRole('link', { name: 'Sign in with Company SSO' }).click();
    await page.locator('input[name=login]').fill('eve');
    await page.locator('input[name=password]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
    expect(new URL(page.url()).searchParams.get('error')).toBeTruthy();
    expect(await alertText(page)).toContain('Signing in through the OA failed.');
  });

  it('signs an operator in with a token; they pick the company to manage', async () => {
    const { page, screenshot, errors } = browser();
    await page.goto(`${roster().baseUrl}/console/`);
    await page.getByRole('radio', { name: 'Operator' }).check();
    await page.getByLabel('Operator token').fill(world.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a company' }).waitFor();
    await screenshot('14-operator-companies');
    await page.getByRole('button', { name: 'Manage SSO Co' }).click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    await page.getByRole('row', { name: /Ada Admin/ }).waitFor();
    await page.getByRole('button', { name: 'Switch company' }).click();
    await page.getByRole('heading', { name: 'Choose a company' }).waitFor();
    expectNoBrowserErrors(errors);
  });
});
