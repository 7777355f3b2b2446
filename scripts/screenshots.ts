/**
 * `npm run screenshots`: every menu screen of every demo role, at 1440 px and 390 px, as PNGs under
 * `screenshots/` (gitignored), so the portal can be reviewed without clicking through it.
 *
 * Builds the site when web/dist is missing, starts the whole local stack (its own DynamoDB Local and S3
 * server, fresh demo data in a temporary folder, a free port on 127.0.0.1), signs in through the local
 * OpenID provider as each role and photographs each screen of its side menu (web/src/app/roles.ts),
 * plus the public pages signed out. Options: `-- --out DIR`, `-- --role hr_officer` (repeatable).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalStack } from '../functions/local/server.js';
import { demoUser, openScreen, TOUR_ACCOUNTS, tourScreens } from '../test/support/menu-tour.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const WIDTHS = [
  { name: '1440', viewport: { width: 1440, height: 900 } },
  { name: '390', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'screenshots' }, role: { type: 'string', multiple: true } },
});
const outDir = resolve(values.out!);
const roles = values.role;

function fileName(path: string): string {
  // A notice's id is replaced by its role in the file name: the names stay the same from run to run.
  const stable = path.replace(/^\/notices\/[^/]+/, '/notice');
  return stable === '/' ? 'home' : stable.replace(/^\//, '').replace(/[^a-z0-9-]+/gi, '_');
}

async function signIn(page: Page, siteUrl: string, name: string) {
  await page.goto(`${siteUrl}/login`);
  await page.getByRole('button', { name: `以 ${name} 登录` }).click();
  await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
}

async function shoot(browser: Browser, siteUrl: string, folder: string, screens: { key: string }[], account?: string) {
  const written: string[] = [];
  for (const width of WIDTHS) {
    const { name, ...options } = width;
    const context = await browser.newContext({ ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    if (account) await signIn(page, siteUrl, account);
    for (const screen of screens) {
      await openScreen(page, siteUrl, screen.key);
      const file = join(outDir, folder, `${fileName(screen.key)}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
      console.log(relative(process.cwd(), file));
    }
    await context.close();
  }
  return written;
}

if (!existsSync(resolve('web/dist/index.html'))) {
  console.log('Building the site (web/dist is missing)…');
  execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
}

const dataDir = mkdtempSync(join(tmpdir(), 'xueshi-screenshots-'));
const stack = await startLocalStack({ port: 0, dataDir });
let browser: Browser | undefined;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  let count = 0;
  for (const { role, userId } of TOUR_ACCOUNTS) {
    if (roles && !roles.includes(role)) continue;
    mkdirSync(join(outDir, role), { recursive: true });
    count += (await shoot(browser, stack.url, role, tourScreens(role), demoUser(userId).name)).length;
  }
  if (!roles || roles.includes('public')) {
    mkdirSync(join(outDir, 'public'), { recursive: true });
    // The public notice itself and its printed version: what a phone opens from the posted QR code.
    const open = await stack.deps.certification.listOpenNotices();
    const notices = open.slice(0, 1).flatMap((n) => [{ key: `/notices/${n.id}` }, { key: `/notices/${n.id}/print` }]);
    count += (await shoot(browser, stack.url, 'public', [...tourScreens(undefined), ...notices])).length;
  }
  console.log(`\n${count} screenshots in ${relative(process.cwd(), outDir) || '.'}/`);
} finally {
  await browser?.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
