// SPDX-License-Identifier: MIT
// Everyone's journey: signing in and out, deep links that survive signing in, a session that
// expires in the middle of work (a dialog, then the request replayed with what was typed
// still there), the connection lost and found again, and one's own API tokens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the app is served at / and a deep link asks to sign in, then returns there', async () => {
  const page = await newPage(browser);
  const res = await page.goto(`${server.base}/admin/audit?action=view`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'], /script-src 'self'/);
  await page.waitForURL(/\/sign-in\?next=/);
  await checkAxe(page, 'sign-in');
  await shot(page, 'sign-in');
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /password|email|sign/i);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.base}/admin/audit?action=view`);
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  assertClean(page);
  await page.context().close();
});

test('a reload keeps the session and the CSRF token: a change still works', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/account');
  await page.reload();
  await page.getByRole('heading', { name: 'Account' }).waitFor();
  await page.getByLabel('What the token is for').fill('after a reload');
  await page.getByRole('button', { name: 'Make a token' }).click();
  await page.getByText('Copy it now').waitFor();
  assertClean(page);
  await page.context().close();
});

test('an expired session brings a sign-in dialog; the request is replayed and typing is kept', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/bank-import');
  const list = '# Questions\n\n- How would you shard a table of 2 billion rows?\n- When is a queue better than a call?\n';
  await page.getByLabel('Or paste the list').fill(list);
  // the session ends behind the page's back
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Show what would be imported' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await dialog.waitFor();
  await checkAxe(page, 'the sign-in dialog');
  await dialog.getByLabel('Password').fill(ADMIN_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: '2 questions would be added' }).waitFor();
  assert.equal(await page.getByLabel('Or paste the list').inputValue(), list);
  await dialog.waitFor({ state: 'hidden' });
  assertClean(page);
  await page.context().close();
});

test('a lost connection shows a retry banner and the request goes through once it is back', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/account');
  await page.context().setOffline(true);
  await page.getByLabel('What the token is for').fill('made while offline');
  await page.getByRole('button', { name: 'Make a token' }).click();
  await page.getByText('The server cannot be reached').waitFor();
  assert.equal(await page.getByLabel('What the token is for').inputValue(), 'made while offline');
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Retry now' }).click();
  await page.getByText('Token “made while offline” made').waitFor();
  await page.getByText('The server cannot be reached').waitFor({ state: 'hidden' });
  await page.context().close();
});

test('API tokens: made and shown once, listed, revoked; the account page passes axe at both widths', async () => {
  for (const width of [1280, 390]) {
    const page = await newPage(browser, { width });
    await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/account');
    const name = `script ${width}`;
    await page.getByLabel('What the token is for').fill(name);
    await page.getByRole('button', { name: 'Make a token' }).click();
    const token = await page.getByLabel('The new token').inputValue();
    assert.match(token, /^rbt_/);
    const who = await fetch(`${server.base}/api/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(who.status, 200, 'the new token works');
    await page.getByRole('cell', { name, exact: true }).waitFor();
    await checkAxe(page, `account at ${width}`);
    await shot(page, 'account');
    await page.getByRole('button', { name: `Revoke token ${name}` }).click();
    await page.getByRole('dialog', { name: 'Revoke this token?' }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('cell', { name, exact: true }).waitFor({ state: 'hidden' });
    const gone = await fetch(`${server.base}/api/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(gone.status, 401, 'the revoked token no longer works');
    assertClean(page);
    await page.context().close();
  }
});

test('signing out ends the session: the app asks to sign in again', async () => {
  const page = await newPage(browser, { width: 390 });
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  await page.goto(`${server.base}/account`);
  await page.waitForURL(/\/sign-in\?next=%2Faccount/);
  assertClean(page);
  await page.context().close();
});

test('a user changes their own password: a wrong current one is refused beside its field, tokens are revoked', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: 'pat.password@example.org', role: 'interviewer', password: 'old-password-1' });
  const pat = await apiAs(server.base, 'pat.password@example.org', 'old-password-1');
  const { token } = await pat.post('/api/v1/tokens', { name: 'before the change' });
  const page = await newPage(browser);
  await signIn(page, server.base, 'pat.password@example.org', 'old-password-1', '/account');
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('new-password-22');
  await page.getByLabel('New password again').fill('new-password-22');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.field-error').getByText(/password/i).first().waitFor();
  await page.getByLabel('Current password').fill('old-password-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password was changed').waitFor();
  const old = await fetch(`${server.base}/api/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(old.status, 401, 'the token made before the change still works');
  await apiAs(server.base, 'pat.password@example.org', 'new-password-22');
  await checkAxe(page, 'account after a password change');
  assertClean(page);
  await page.context().close();
});
