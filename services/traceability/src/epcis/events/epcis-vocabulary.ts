import { Injectable } from '@nestjs/common';
import { canonicalIdentifier, cbvValue } from '@pujiang/epcis';
import { QueryVocabulary } from './domain/event-query';

/**
 * One spelling per value, for storage and for queries, the same one the event hash uses
 * (libs/epcis): GS1 keys as canonical Digital Link URIs (an EPC URN and its Digital Link are
 * the same thing), and CBV business steps and dispositions as their GS1 web URIs, whether
 * written bare (`shipping`), as URN, as compact IRI or as URI.
 */
@Injectable()
export class EpcisVocabulary implements QueryVocabulary {
  identifier(value: string): string {
    return canonicalIdentifier(value);
  }

  location(value: string): string {
    return canonicalIdentifier(value);
  }

  bizStep(value: string): string {
    return cbvValue(value, 'BizStep');
  }

  disposition(value: string): string {
    return cbvValue(value, 'Disp');
  }
}
