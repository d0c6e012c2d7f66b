import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { ServedTeaLot, servedTeaLot } from '../../../../../test/support/served-tea-lot';
import { REPO_ROOT } from '../../../../../test/support/stack-env';
import { TEA_GTIN, teaLot } from '../testing/consumer-page.fixture';

/**
 * The consumer page as a shopper sees it in Debian's Chromium (scripts/setup.sh
 * installs it), at a phone's size and a desktop's, in English and Chinese;
 * axe-core checks WCAG 2.2 AA. Screenshots go to $STACK_DIR/test-results/screenshots,
 * the folder npm test keeps with the other results.
 */
const RUN = randomBytes(3).toString('hex');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(
  process.env.STACK_DIR ?? join(REPO_ROOT, '.stack'),
  'test-results',
  'screenshots',
);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Run in the page (no DOM types here): its scroll width and the smallest text a person reads. */
interface Layout {
  scrollWidth: number;
  clientWidth: number;
  smallest: number;
  scripts: number;
}
const LAYOUT = `({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  smallest: Math.min(...[...document.querySelectorAll('p, li, dd, dt, span, a, figcaption, section')]
    .map((el) => parseFloat(getComputedStyle(el).fontSize))),
  scripts: document.scripts.length,
})`;
/** WCAG 2.0, 2.1 and 2.2 A and AA rules; the violations by rule id. */
const AXE_RUN = `axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
  .then((result) => result.violations.map((v) => v.id + ': ' + v.help + ' ' + v.nodes.map((n) => n.target).join(' ')))`;

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const LANGUAGES = {
  en: {
    acceptLanguage: 'en-GB,en;q=0.9',
    name: 'West Lake Jasmine Tea',
    first: '1. Made',
    badge: 'Not checked yet',
  },
  zh: {
    acceptLanguage: 'zh-CN,zh;q=0.9',
    name: 'West Lake Jasmine Tea',
    first: '1. 生产',
    badge: '尚未核验',
  },
};

describe('the consumer page in Chromium', () => {
  let served: ServedTeaLot;
  let url: string;
  let browser: Browser;
  const path = `/01/${TEA_GTIN}/10/${teaLot(RUN)}`;

  beforeAll(async () => {
    process.env.MASTER_DATA_COMPANY_PREFIXES = 'Org1MSP:4012345|952012';
    served = await servedTeaLot(RUN, `cpb-${RUN}`);
    ({ url } = served);
    // Root in CI: Chromium's sandbox needs user namespaces a container may not give.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const [language, expected] of Object.entries(LANGUAGES)) {
      it(`shows the product, its journey and an honest badge on a ${size} in ${language}, readable and accessible`, async () => {
        const context = await browser.newContext({
          viewport,
          locale: language === 'zh' ? 'zh-CN' : 'en-GB',
          extraHTTPHeaders: { 'accept-language': expected.acceptLanguage },
        });
        const page = await context.newPage();
        const origin = new URL(url).host;
        const elsewhere: string[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).host !== origin) elsewhere.push(request.url());
        });
        await page.goto(`${url}${path}`);

        await expect(page.locator('h1').innerText()).resolves.toBe(expected.name);
        const steps = page.locator('ol.journey > li');
        await expect(steps.count()).resolves.toBe(5);
        await expect(steps.first().innerText()).resolves.toContain(expected.first);
        await expect(page.locator('#verdict').innerText()).resolves.toBe(expected.badge);
        await expect(page.getByText('Meijiawu tea garden').first().isVisible()).resolves.toBe(true);
        await expect(page.locator('svg').count()).resolves.toBe(2);

        const layout = await page.evaluate<Layout>(LAYOUT);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
        expect(layout.smallest).toBeGreaterThanOrEqual(16);
        expect(layout.scripts).toBe(0);

        await page.screenshot({
          path: join(SCREENSHOTS, `consumer-page-${language}-${size}.png`),
          fullPage: true,
        });

        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate<string[]>(AXE_RUN);
        expect(violations).toEqual([]);
        expect(elsewhere).toEqual([]);
        await context.close();
      });
    }
  }

  it('switches language by a link, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: SIZES.phone });
    const page = await context.newPage();
    await page.goto(`${url}${path}`);
    await page.getByRole('link', { name: '中文' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
    await expect(page.locator('#verdict').innerText()).resolves.toBe('尚未核验');
    await page.getByRole('link', { name: '该环节如何核验' }).first().click();
    await expect(page.locator('h1').innerText()).resolves.toBe('我们如何核验该环节');
    await page.screenshot({
      path: join(SCREENSHOTS, 'verification-page-zh-phone.png'),
      fullPage: true,
    });
    await context.close();
  });
});
