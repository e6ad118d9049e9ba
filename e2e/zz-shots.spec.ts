import { test } from '@playwright/test';
import { signIn } from './helpers';

test('screenshots of the leader pages', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, 'leader@torg.demo');
  for (const [name, path] of [
    ['gross-profit', '/reports/gross-profit?variant=partner'],
    ['gross-profit-product', '/reports/gross-profit?variant=product'],
    ['settlements', '/reports/client-settlements'],
    ['control', '/reports/manager-control'],
    ['sources', '/reports/interest-sources'],
    ['losses', '/reports/loss-reasons'],
    ['plan', '/reports/plan-fulfilment'],
    ['plans', '/planning/sales-plans'],
    ['plan-new', '/planning/sales-plans/new'],
    ['statement', '/reports/warehouse-statement'],
  ]) {
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/reports/gross-profit?variant=partner');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: '/tmp/shots/gross-profit-print.png', fullPage: true });
});
