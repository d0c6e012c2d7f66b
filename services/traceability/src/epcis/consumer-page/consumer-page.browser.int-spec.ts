import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import {
  SCREENSHOTS,
  SIZES,
  auditPage,
  launchChromium,
} from '../../../../../test/support/page-audit';
import { ServedTeaLot, servedTeaLot } from '../../../../../test/support/served-tea-lot';
import { TEA_GTIN, teaLot } from '../testing/consumer-page.fixture';

/**
 * The consumer page as a shopper sees it in Debian's Chromium (scripts/setup.sh
 * installs it), at a phone's size and a desktop's, in English and Chinese;
 * axe-core checks WCAG 2.2 AA. Screenshots go to $STACK_DIR/test-results/screenshots,
 * the folder npm test keeps with the other results.
 */
const RUN = randomBytes(3).toString('hex');
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
    browser = await launchChromium();
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

        const audit = await auditPage(
          page,
          'p, li, dd, dt, span, a, figcaption, section',
          `consumer-page-${language}-${size}.png`,
        );
        expect(audit.scrollWidth).toBeLessThanOrEqual(audit.clientWidth);
        expect(audit.smallest).toBeGreaterThanOrEqual(16);
        expect(audit.scripts).toBe(0);
        expect(audit.violations).toEqual([]);
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
