// A newcomer's first call from the browser: open Swagger UI, Authorize through the realm's login page (authorization
// code + PKCE, public client tsunagu-swagger-ui), then "Try it out" on one operation. Debian's Chromium, driven by
// playwright-core. Prints one JSON line: {"status": <HTTP status of the call>, "authorized": true|false}.
// env: BASE_URL (the service), KC_USER, KC_PASSWORD, CHROMIUM (default /usr/bin/chromium), SHOT (screenshot path).
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL.replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { status: null, authorized: false, step: 'start' };
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  result.console = [];
  page.on('console', (m) => { if (m.type() === 'error') result.console.push(m.text().slice(0, 200)); });
  context.on('requestfailed', (r) => result.console.push('failed ' + r.url().slice(0, 120) + ' ' + (r.failure() || {}).errorText));
  page.setDefaultTimeout(60000);
  result.step = 'open swagger ui';
  await page.goto(base + '/q/swagger-ui/', { waitUntil: 'networkidle' });
  await page.locator('button.authorize').first().click();

  result.step = 'authorize with oidc';
  const oidc = page.locator('.auth-container').filter({ hasText: 'oidc' }).first();
  await oidc.waitFor();
  const [login] = await Promise.all([
    context.waitForEvent('page'),
    oidc.locator('button.authorize').click(),
  ]);
  result.step = 'keycloak login page';
  await login.waitForSelector('#username');
  await login.fill('#username', process.env.KC_USER);
  await login.fill('#password', process.env.KC_PASSWORD);
  await Promise.all([login.waitForEvent('close', { timeout: 60000 }), login.click('#kc-login')]);

  result.step = 'back in swagger ui';
  // Authorized: Swagger UI replaces the scheme's Authorize button with Logout.
  await oidc.locator('button', { hasText: 'Logout' }).waitFor();
  result.authorized = true;
  await page.locator('.modal-ux button.close-modal').first().click();

  // The contract's server is {scheme}://{host}, localhost:8080 by default (the demo); a test service runs elsewhere.
  result.step = 'server variables';
  const host = new URL(base).host;
  const hostInput = page.locator('.servers input[type="text"]');
  if (await hostInput.count()) {
    await hostInput.first().fill(host);
  }

  result.step = 'try it out';
  const operation = page.locator('#operations-taxonomy-listTaxonomies');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  // the live response's row (the table's header row has a cell of the same class, "Code")
  const status = operation.locator('.live-responses-table tbody tr.response .response-col_status').first();
  await status.waitFor();
  result.statusText = (await status.innerText()).trim();
  result.status = parseInt(result.statusText, 10);
  result.step = 'done';
  if (process.env.SHOT) {
    await page.screenshot({ path: process.env.SHOT, fullPage: false });
  }
} catch (e) {
  result.error = String(e && e.message ? e.message : e).split('\n')[0];
  if (process.env.SHOT) {
    for (const p of browser.contexts().flatMap((c) => c.pages())) {
      await p.screenshot({ path: process.env.SHOT.replace(/\.png$/, '') + '-failed-' + p.url().length + '.png' }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result) + '\n');
