import { Principal } from '@pujiang/auth';
import { FSMA_COLUMNS } from '@pujiang/standards';
import { randomBytes } from 'node:crypto';
import { Browser } from 'playwright-core';
import { SIZES, auditPage, launchChromium } from '../../../../test/support/page-audit';
import {
  SupervisionUnderTest,
  startSupervisionWithoutLedger,
} from '../testing/supervision-without-ledger';

/**
 * The regulator's /supervision page in Debian's Chromium (scripts/setup.sh
 * installs it), at a phone's size and a desktop's, in English and Chinese,
 * with requests on it (one flagged late); axe-core checks WCAG 2.2 AA.
 * Screenshots go to $STACK_DIR/test-results/screenshots.
 */
const RUN = randomBytes(3).toString('hex');
const REGULATOR: Principal = {
  organisation: 'RegulatorMSP',
  party: 'inspector',
  roles: ['supervisor'],
};
const ORG = `Pg${RUN}MSP`;

const LANGUAGES = {
  en: { acceptLanguage: 'en-GB,en;q=0.9', title: 'Supervision', late: 'Answered late' },
  zh: { acceptLanguage: 'zh-CN,zh;q=0.9', title: '监管', late: '逾期答复' },
};

describe('the supervision page in Chromium', () => {
  let service: SupervisionUnderTest;
  let browser: Browser;
  let authorization: string;

  beforeAll(async () => {
    service = await startSupervisionWithoutLedger();
    authorization = `Bearer ${await service.token(REGULATOR)}`;
    // A request answered late, so the page has a flagged row to show.
    const asked = await fetch(`${service.url}/fsma-requests`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: ORG,
        gtin: '09520123456788',
        lot: `L${RUN}`,
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        respondBy: new Date(Date.now() + 500).toISOString(),
      }),
    });
    expect(asked.status).toBe(201);
    const { requestId } = (await asked.json()) as { requestId: string };
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const respondent: Principal = {
      organisation: ORG,
      party: 'qa',
      roles: ['supervision:respondent'],
    };
    const answered = await fetch(`${service.url}/fsma-requests/${requestId}/answer`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await service.token(respondent)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ spreadsheet: `${FSMA_COLUMNS.join(',')}\r\n` }),
    });
    expect(answered.status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.app.close();
  });

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const [language, expected] of Object.entries(LANGUAGES)) {
      it(`shows the requests and the monitors on a ${size} in ${language}, readable and accessible`, async () => {
        const context = await browser.newContext({
          viewport,
          locale: language === 'zh' ? 'zh-CN' : 'en-GB',
          extraHTTPHeaders: { 'accept-language': expected.acceptLanguage, authorization },
          // The page forbids every script (its CSP); axe-core is the test's, injected past it.
          bypassCSP: true,
        });
        const page = await context.newPage();
        const origin = new URL(service.url).host;
        const elsewhere: string[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).host !== origin) elsewhere.push(request.url());
        });
        await page.goto(`${service.url}/supervision`);

        await expect(page.locator('h1').innerText()).resolves.toBe(expected.title);
        await expect(page.locator('section').count()).resolves.toBe(6);
        const row = page.locator('#fsma ~ div tr', { hasText: ORG });
        await expect(row.locator('td.flag').innerText()).resolves.toBe(expected.late);

        const audit = await auditPage(
          page,
          'p, li, td, th, h2, a, caption',
          `supervision-page-${language}-${size}.png`,
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

  it('is refused to a caller who is not a supervisor', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${service.url}/supervision`);

    expect(response?.status()).toBe(401);
    await context.close();
  });
});
