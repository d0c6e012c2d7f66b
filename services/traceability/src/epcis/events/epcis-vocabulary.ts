import { Injectable } from '@nestjs/common';
import { canonicalDigitalLink, epcToDigitalLink } from '@pujiang/epcis';
import { QueryVocabulary } from './domain/event-query';

const CBV = 'https://ref.gs1.org/cbv/';

/**
 * One spelling per value, for storage and for queries: GS1 keys as canonical
 * Digital Link URIs (an EPC URN and its Digital Link are the same thing), and
 * CBV business steps and dispositions as their GS1 web URIs, whether written
 * bare (`shipping`), as URN or as URI.
 */
@Injectable()
export class EpcisVocabulary implements QueryVocabulary {
  identifier(value: string): string {
    const text = value.trim();
    if (text.startsWith('urn:epc:')) return epcToDigitalLink(text) ?? text;
    if (/^https?:\/\//i.test(text)) return canonicalDigitalLink(text) ?? text;
    return text;
  }

  location(value: string): string {
    return this.identifier(value);
  }

  bizStep(value: string): string {
    return cbvValue(value, 'BizStep', 'bizstep');
  }

  disposition(value: string): string {
    return cbvValue(value, 'Disp', 'disp');
  }
}

function cbvValue(value: string, webPrefix: string, urnPrefix: string): string {
  const text = value.trim();
  if (/^[A-Za-z0-9_]+$/.test(text)) return `${CBV}${webPrefix}-${text}`;
  const urn = `urn:epcglobal:cbv:${urnPrefix}:`;
  if (text.startsWith(urn)) return `${CBV}${webPrefix}-${text.slice(urn.length)}`;
  const curie = `cbv:${webPrefix}-`;
  if (text.startsWith(curie)) return `${CBV}${text.slice(4)}`;
  return text;
}
