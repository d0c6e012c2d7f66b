import { HttpStatus } from '@nestjs/common';
import { buildDigitalLink } from '@pujiang/epcis';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Language, chooseLanguage } from './domain/language';
import { PAGE_TTL_SECONDS, PageSubject, RenderedPage, subjectElements } from './provenance-pages';
import { checkedLanguage } from './scanned-codes';

export const LINKSET = 'application/linkset+json';
const PIP = 'https://gs1.org/voc/pip';
const TRACEABILITY = 'https://gs1.org/voc/traceability';
/** Public and read-only: any web page may read it (GS1 Digital Link resolvers answer CORS). */
export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Link, ETag, Content-Language',
};

const EVERY_ANSWER = { ...CORS, Vary: 'Accept, Accept-Language, Accept-Encoding' };

/** Paths of the codes scanned lately: the same few codes are scanned over and over. */
const paths = new Map<string, string>();
const REMEMBERED_PATHS = 10_000;

/** The subject's canonical Digital Link path (`/01/{GTIN-14}/10/{lot}`), the page's key. */
function pathOf(subject: PageSubject): string {
  const key = `${subject.gtin}\u0000${subject.code?.kind}\u0000${subject.code?.value}`;
  let path = paths.get(key);
  if (path === undefined) {
    if (paths.size >= REMEMBERED_PATHS) paths.clear();
    path = buildDigitalLink(subjectElements(subject), '');
    paths.set(key, path);
  }
  return path;
}

/** What a scan of a Digital Link asks for: its links, a link type's target, or the page. */
export type Scan =
  | { kind: 'linkset'; linkset: Linkset }
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; path: string; language: Language };

/**
 * The GS1 Digital Link resolver's rules for a scan, in one place for the
 * controller and for the scans answered before Nest (decision 0030): sets
 * the headers every answer carries, and reads what the scan asks for. GS1
 * resolver clients asking for a linkset (RFC 9264, `linkType=all` or
 * Accept) get the links; a `linkType` we serve is redirected to; anyone else
 * gets the page, in the language `?lang` or Accept-Language chooses. Throws
 * the 400 problem of a bad `lang`.
 */
export function readScan(
  subject: PageSubject,
  request: FastifyRequest,
  reply: FastifyReply,
  query: Readonly<Record<string, unknown>>,
): Scan {
  const path = pathOf(subject);
  void reply
    .headers(EVERY_ANSWER)
    .header('Link', `<${path}?linkType=all>; rel="linkset"; type="${LINKSET}"`);
  const origin = () => `${request.protocol}://${request.host}`;
  const wanted = typeof query.linkType === 'string' ? linkTypeIri(query.linkType) : undefined;
  if (wanted === 'all' || (wanted === undefined && header(request, 'accept')?.includes(LINKSET))) {
    return { kind: 'linkset', linkset: linkset(origin(), path, subject) };
  }
  // The page is what nearly every scan asks for: the linkset is built only for a link type.
  const entry =
    wanted === undefined ? undefined : linkset(origin(), path, subject).linkset[0][wanted];
  const target = Array.isArray(entry) ? entry[0] : undefined;
  if (target !== undefined && wanted !== PIP) return { kind: 'redirect', location: target.href };
  const language = chooseLanguage(checkedLanguage(query.lang), header(request, 'accept-language'));
  return { kind: 'page', path, language };
}

/**
 * Sends what readScan found, the page's as it was rendered: a 304 for the
 * ETag the client holds, else the HTML, gzipped when the client takes gzip.
 */
export function sendScan(
  request: FastifyRequest,
  reply: FastifyReply,
  scan:
    Exclude<Scan, { kind: 'page' }> | (Extract<Scan, { kind: 'page' }> & { page: RenderedPage }),
): FastifyReply {
  if (scan.kind === 'linkset') return reply.type(LINKSET).send(scan.linkset);
  if (scan.kind === 'redirect') return reply.redirect(scan.location, HttpStatus.TEMPORARY_REDIRECT);
  const { page, language } = scan;
  void reply
    .header('ETag', page.etag)
    .header('Cache-Control', `public, max-age=${PAGE_TTL_SECONDS}`)
    .header('Content-Language', language === 'zh' ? 'zh-Hans' : 'en');
  if (header(request, 'if-none-match') === page.etag) {
    return reply.status(HttpStatus.NOT_MODIFIED).send();
  }
  void reply.type('text/html; charset=utf-8');
  if (/\bgzip\b/.test(header(request, 'accept-encoding') ?? '')) {
    return reply.header('Content-Encoding', 'gzip').send(page.gzipped);
  }
  return reply.send(page.html);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** A compact GS1 link type (`gs1:pip`) as its full IRI. */
const linkTypeIri = (linkType: string) => linkType.replace(/^gs1:/, 'https://gs1.org/voc/');

interface Link {
  href: string;
  type: string;
  title: string;
  hreflang?: string[];
}

type Linkset = { linkset: [Record<string, Link[] | string>] };

/** The code's links by GS1 link type (GS1 Digital Link resolver standard, RFC 9264 linkset). */
function linkset(origin: string, path: string, subject: PageSubject): Linkset {
  const identifier = buildDigitalLink(subjectElements(subject));
  const matchBy = subject.code?.kind === 'lot' ? 'MATCH_anyEPCClass' : 'MATCH_anyEPC';
  const links: Record<string, Link[]> = {
    [PIP]: [
      {
        href: `${origin}${path}`,
        type: 'text/html',
        title: 'Where this came from',
        hreflang: ['en', 'zh-Hans'],
      },
    ],
  };
  if (subject.code !== undefined) {
    links[TRACEABILITY] = [
      {
        href: `${origin}/events?${matchBy}=${encodeURIComponent(identifier)}`,
        type: 'application/ld+json',
        title: 'EPCIS events',
      },
      {
        href: `${origin}/trace?identifier=${encodeURIComponent(identifier)}&direction=backward`,
        type: 'application/json',
        title: 'Backward trace',
      },
    ];
  }
  return {
    linkset: [
      {
        anchor: `${origin}${path}`,
        'https://gs1.org/voc/defaultLink': links[PIP] ?? [],
        ...links,
      },
    ],
  };
}
