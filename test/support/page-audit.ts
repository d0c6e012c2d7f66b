import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { REPO_ROOT } from './stack-env';

/**
 * What the platform's HTML pages are held to in Debian's Chromium
 * (scripts/setup.sh installs it): the sizes they are seen at, their layout
 * and text size, no script, and axe-core's WCAG 2.0/2.1/2.2 A and AA rules.
 * Screenshots go to $STACK_DIR/test-results/screenshots, the folder npm test
 * keeps with the other results.
 */
export const SCREENSHOTS = join(
  process.env.STACK_DIR ?? join(REPO_ROOT, '.stack'),
  'test-results',
  'screenshots',
);
export const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The violations by rule id. */
const AXE_RUN = `axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
  .then((result) => result.violations.map((v) => v.id + ': ' + v.help + ' ' + v.nodes.map((n) => n.target).join(' ')))`;

/** Chromium for a suite, with the screenshot folder ready. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Root in CI: Chromium's sandbox needs user namespaces a container may not give.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface PageAudit {
  scrollWidth: number;
  clientWidth: number;
  /** The smallest font size, in px, of the elements a person reads. */
  smallest: number;
  scripts: number;
  /** axe-core's violations; the page's CSP must be bypassed to inject it. */
  violations: string[];
}

/**
 * Measures the page as it stands (run in the page: no DOM types here), keeps
 * a full-page screenshot under `screenshot`, then runs axe-core.
 * `textSelector` names the elements whose text a person reads.
 */
export async function auditPage(
  page: Page,
  textSelector: string,
  screenshot: string,
): Promise<PageAudit> {
  const layout = await page.evaluate<Omit<PageAudit, 'violations'>>(`({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    smallest: Math.min(...[...document.querySelectorAll(${JSON.stringify(textSelector)})]
      .map((el) => parseFloat(getComputedStyle(el).fontSize))),
    scripts: document.scripts.length,
  })`);
  await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
  await page.addScriptTag({ content: AXE });
  return { ...layout, violations: await page.evaluate<string[]>(AXE_RUN) };
}
