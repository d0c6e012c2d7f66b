import { HttpStatus } from '@nestjs/common';
import { isValidLot } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { hasValidCheckDigit, isValidGtin, toGtin14 } from '@pujiang/standards';
import { PageSubject } from './provenance-pages';

/**
 * The resolver's page routes (GS1 Digital Link paths) and the subject each
 * names, read from its path parameters and refused with a 400 problem when
 * malformed: the controller's routes and the scans answered before Nest
 * (ScansBeforeNest) read codes here alike.
 */
export const SCAN_ROUTES = {
  product: '01/:gtin',
  lot: '01/:gtin/10/:lot',
  item: '01/:gtin/21/:serial',
  unit: '00/:sscc',
} as const;

type ScanParams = Readonly<Record<string, string | undefined>>;

export const productSubject = (gtin: string): PageSubject => ({ gtin: checkedGtin(gtin) });

export const lotSubject = (gtin: string, lot: string): PageSubject => ({
  gtin: checkedGtin(gtin),
  code: { kind: 'lot', value: checked(lot, 'lot') },
});

export const itemSubject = (gtin: string, serial: string): PageSubject => ({
  gtin: checkedGtin(gtin),
  code: { kind: 'serial', value: checked(serial, 'serial') },
});

export function unitSubject(sscc: string): PageSubject {
  if (!/^\d{18}$/.test(sscc) || !hasValidCheckDigit(sscc)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `${sscc} is not a valid SSCC`,
      'about:blank',
      [{ pointer: '/sscc', detail: 'must be 18 digits with a valid check digit' }],
    );
  }
  return { code: { kind: 'sscc', value: sscc } };
}

/** Each page route by the pattern Fastify matched (`/01/:gtin/10/:lot`), and its subject. */
export const SUBJECT_OF_ROUTE: ReadonlyMap<string, (params: ScanParams) => PageSubject> = new Map<
  string,
  (params: ScanParams) => PageSubject
>([
  [`/${SCAN_ROUTES.product}`, (p) => productSubject(p.gtin ?? '')],
  [`/${SCAN_ROUTES.lot}`, (p) => lotSubject(p.gtin ?? '', p.lot ?? '')],
  [`/${SCAN_ROUTES.item}`, (p) => itemSubject(p.gtin ?? '', p.serial ?? '')],
  [`/${SCAN_ROUTES.unit}`, (p) => unitSubject(p.sscc ?? '')],
]);

export function checkedGtin(gtin: string): string {
  if (!isValidGtin(gtin)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `${gtin} is not a valid GTIN`,
      'about:blank',
      [{ pointer: '/gtin', detail: 'must be a GTIN-8, -12, -13 or -14 with a valid check digit' }],
    );
  }
  return toGtin14(gtin);
}

export function badQuery(name: string, detail: string): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    `The ${name} parameter ${detail}`,
    'about:blank',
    [{ pointer: `/${name}`, detail }],
  );
}

/** The page's language switch: `en` or `zh`, once, or nothing (then Accept-Language decides). */
export function checkedLanguage(lang: unknown): 'en' | 'zh' | undefined {
  if (lang === undefined || lang === 'en' || lang === 'zh') return lang;
  throw badQuery('lang', 'must be en or zh');
}

/** A lot (AI 10) or serial (AI 21): both are 1 to 20 characters of CSET 82. */
export function checked(value: string, name: 'lot' | 'serial'): string {
  if (!isValidLot(value)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `The ${name} is not a GS1 ${name === 'lot' ? 'batch/lot' : 'serial'} number`,
      'about:blank',
      [{ pointer: `/${name}`, detail: "must be 1 to 20 characters of GS1's CSET 82" }],
    );
  }
  return value;
}
