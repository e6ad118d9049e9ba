/**
 * Before the e2e tests (`npm run test:e2e`): the Chromium Playwright drives. Test tools cannot
 * download browser builds here, so it is Debian's package, installed when missing and this user may
 * (root with apt-get); otherwise one sentence says what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumLaunch } from '../playwright.config';

const browser = chromiumLaunch.executablePath;
const hasApt = existsSync('/usr/bin/apt-get');
if (!existsSync(browser)) {
  if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0 || !hasApt) {
    console.error(
      `No Chromium at ${browser}: install it (Debian: apt-get install chromium fonts-dejavu-core) or point CHROMIUM_PATH at one.`,
    );
    process.exit(1);
  }
  console.log(
    'Installing Chromium for the end-to-end tests (apt-get install chromium fonts-dejavu-core) ...',
  );
  const apt = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core']);
}
