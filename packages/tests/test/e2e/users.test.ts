import { DEMO_PASSWORD } from '@veil/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startWorld, type World } from './harness.js';

// Browser end-to-end: the admin's users screen against a real server with the demo seed.

const B2B = 'b2b-follow-up';
const DEPARTMENT = 'South 华南';
const NEWCOMER = { login: 'rep-d', name: 'Sam South' };

let world: World;

beforeAll(async () => {
  world = await startWorld({ customers: 30 });
});

afterAll(async () => {
  await world?.close();
});

async function userByLogin(login: string) {
  const [user] = await world.server.store.listDocs('users', { login });
  if (!user) throw new Error(`no user ${login}`);
  return user;
}

async function searchCompany(page: Page, company: string): Promise<void> {
  await page.goto(`${world.server.url}/#/customers`);
  await page.locator('a.tr').first().waitFor();
  await page.fill('input[type=search]', company);
  await page.click('form.querybar button[type=submit]');
  await page.waitForFunction("!document.querySelector('.customers [aria-live]')?.textContent?.includes('…')");
}

describe('users and departments, end to end', () => {
  // Runs first: afterwards rep-a's customers have moved to another department.
  // Issue 13: staff see colleagues' names by default (`people.names`, `team.names`), never ids.
  it('a rep sees colleagues by name, never as user ids, and never asks for the users list', async () => {
    const rep = await signIn(world, 'rep-b');
    const calls: string[] = [];
    rep.page.on('request', (request) => calls.push(request.url()));
    await rep.page.goto(`${world.server.url}/#/customers`);
    await rep.page.locator('a.tr').first().waitFor();
    const text = (await rep.page.locator('[data-testid=record-table]').textContent()) ?? '';
    expect(text).toContain('Rep B (demo)');
    expect(text).toContain('Rep A (demo)');
    expect(text).not.toContain('Colleague (my department)');
    expect(text).not.toMatch(/user-rep-/);
    expect(calls.some((url) => url.includes('users.list'))).toBe(false);
    await rep.context.close();
  });

  it('the admin creates a department and a user, changes the role, and a leaver hands customers to a successor', async () => {
    const leaver = await signIn(world, 'rep-a');
    const admin = await signIn(world, 'admin');
    const { page } = admin;
    await page.goto(`${world.server.url}/#/users`);
    await page.locator('[data-testid=user-list]').waitFor();

    // A department inside Sales, shown in the tree under its parent.
    await page.fill('input[name=departmentName]', DEPARTMENT);
    await page.selectOption('select[name=departmentParent]', { label: 'Sales' });
    await page.click('form.create-department button[type=submit]');
    await page.locator(`.tree li[data-department="Sales"] li[data-department="${DEPARTMENT}"]`).waitFor();
    const south = (await world.server.store.listDocs('departments')).find((d) => d.name === DEPARTMENT);
    expect(south?.parentId).toBe('dept-sales');

    // A user in it, as a sales rep; the role is shown by its label, not its id.
    const create = page.locator('form.create-user');
    await create.locator('input[name=name]').fill(NEWCOMER.name);
    await create.locator('input[name=login]').fill(NEWCOMER.login);
    await create.locator('select[name=department]').selectOption(south!.id);
    await create.locator('input[name=password]').fill(DEMO_PASSWORD);
    await create.locator('button[type=submit]').click();
    const card = page.locator(`li.user-card[data-login="${NEWCOMER.login}"]`);
    await card.waitFor();
    expect(await card.locator('[data-testid=user-roles]').textContent()).toBe('Sales rep');
    expect(await card.textContent()).toContain(DEPARTMENT);

    // The admin makes the newcomer a manager too.
    await card.getByRole('button', { name: 'Change' }).click();
    await card.locator('input[name=role][value=manager]').check();
    await card.getByRole('button', { name: 'Save' }).click();
    await card.locator('[data-role=manager]').waitFor();
    expect(await card.locator('[data-testid=user-roles]').textContent()).toBe('Sales repManager');
    const newcomer = await userByLogin(NEWCOMER.login);
    expect([...newcomer.roles].sort()).toEqual(['manager', 'rep']);
    expect(newcomer.departmentId).toBe(south!.id);

    // rep-a leaves; the newcomer takes over rep-a's customers.
    const repA = await userByLogin('rep-a');
    const owned = await world.server.store.queryRecords(B2B, {
      scope: { kind: 'owners', ownerIds: [repA.id] },
      limit: 100,
    });
    const customer = owned.records.find((r) => r.data.stage !== 'won' && r.data.stage !== 'lost');
    expect(customer).toBeDefined();
    const leaverCard = page.locator('li.user-card[data-login="rep-a"]');
    await leaverCard.getByRole('button', { name: 'Deactivate' }).click();
    await leaverCard.locator('select[name=successor]').selectOption(newcomer.id);
    await leaverCard.locator('[data-testid=user-deactivate] button.danger').click();
    const notice = page.locator('[data-testid=users-notice]', { hasText: 'handed to' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      `${owned.records.length} customer(s) handed to ${NEWCOMER.name}`,
    );
    await page.locator('li.user-card.inactive[data-login="rep-a"]').waitFor();

    // The leaver's open session is over at once.
    await leaver.page.reload();
    await leaver.page.locator('input[name=username]').waitFor();
    await leaver.context.close();

    // The admin's list names the new owner.
    const company = String(customer!.data.company);
    await searchCompany(page, company);
    const adminRow = page.locator(`a.tr[data-record-id="${customer!.id}"]`);
    await adminRow.waitFor();
    expect(await adminRow.textContent()).toContain(NEWCOMER.name);
    await admin.context.close();

    // The successor signs in and sees the leaver's customer as their own.
    const successor = await signIn(world, NEWCOMER.login);
    await searchCompany(successor.page, company);
    const row = successor.page.locator(`a.tr[data-record-id="${customer!.id}"]`);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(NEWCOMER.name);
    expect(rowText).not.toContain('user-');
    await row.click();
    const relation = successor.page.locator('[data-relation]');
    await relation.waitFor();
    expect(await relation.getAttribute('data-relation')).toBe('owner');
    expect(await relation.textContent()).toContain('Your customer');
    await successor.context.close();
  });
});
