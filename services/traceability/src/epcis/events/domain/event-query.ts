import { InvalidField } from '../../domain/invalid-field';
import { IdentifierRole } from './identifier-role';
import { AttributeMatch, attributeMatch } from './master-data-query';

export type OrderField = 'eventTime' | 'recordTime';
export type OrderDirection = 'ASC' | 'DESC';

export interface TimeRange {
  gte?: Date;
  lt?: Date;
}

/** Events match if the identifier has one of `roles` and equals one of `values`. */
export interface IdentifierMatch {
  roles: readonly IdentifierRole[];
  values: string[];
}

/** A location matches itself exactly, or (WD_) also any sub-location below it. */
export interface LocationMatch {
  values: string[];
  withDescendants: boolean;
}

export interface EventQuery {
  eventTypes?: string[];
  eventTime: TimeRange;
  recordTime: TimeRange;
  actions?: string[];
  bizSteps?: string[];
  dispositions?: string[];
  readPoints: LocationMatch[];
  bizLocations: LocationMatch[];
  identifiers: IdentifierMatch[];
  /** HASATTR_/EQATTR_ (master-data-query.ts). */
  attributes: AttributeMatch[];
  eventIDs?: string[];
  orderBy: OrderField;
  orderDirection: OrderDirection;
  eventCountLimit?: number;
  perPage: number;
  nextPageToken?: string;
}

/** How captured values are stored, so that a query says the same thing in any accepted spelling. */
export interface QueryVocabulary {
  identifier(value: string): string;
  bizStep(value: string): string;
  disposition(value: string): string;
  location(value: string): string;
}

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 1000;

export const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];
export const ACTIONS = ['ADD', 'OBSERVE', 'DELETE'];

const MATCH_ROLES: Record<string, readonly IdentifierRole[]> = {
  MATCH_epc: [IdentifierRole.epc, IdentifierRole.child],
  MATCH_parentID: [IdentifierRole.parent],
  MATCH_inputEPC: [IdentifierRole.input],
  MATCH_outputEPC: [IdentifierRole.output],
  MATCH_anyEPC: [
    IdentifierRole.epc,
    IdentifierRole.parent,
    IdentifierRole.child,
    IdentifierRole.input,
    IdentifierRole.output,
  ],
  MATCH_epcClass: [IdentifierRole.epcClass, IdentifierRole.childClass],
  MATCH_inputEPCClass: [IdentifierRole.inputClass],
  MATCH_outputEPCClass: [IdentifierRole.outputClass],
  MATCH_anyEPCClass: [
    IdentifierRole.epcClass,
    IdentifierRole.childClass,
    IdentifierRole.inputClass,
    IdentifierRole.outputClass,
  ],
};

/** The MATCH_ parameters, each matching identifiers in the roles it names. */
export const MATCH_PARAMETERS = Object.keys(MATCH_ROLES);

export type RawQuery = Record<string, string | string[] | undefined>;

export class EventQueryError extends Error {
  constructor(readonly problems: InvalidField[]) {
    super(problems.map((p) => `${p.pointer}: ${p.detail}`).join('; '));
  }
}

/**
 * Reads the EPCIS 2.0 REST query parameters (SimpleEventQuery). Lists are
 * pipe-delimited as the binding says; an unknown or malformed parameter is
 * refused rather than ignored, so a typo never widens a recall query.
 */
export function parseEventQuery(raw: RawQuery, vocabulary: QueryVocabulary): EventQuery {
  const problems: InvalidField[] = [];
  const fail = (name: string, detail: string) => problems.push({ pointer: `/${name}`, detail });
  const query: EventQuery = {
    eventTime: {},
    recordTime: {},
    readPoints: [],
    bizLocations: [],
    identifiers: [],
    attributes: [],
    orderBy: 'eventTime',
    orderDirection: 'DESC',
    perPage: DEFAULT_PER_PAGE,
  };

  for (const [name, rawValue] of Object.entries(raw)) {
    if (rawValue === undefined) continue;
    if (Array.isArray(rawValue)) {
      fail(name, 'give the parameter once; separate several values with |');
      continue;
    }
    const list = () => rawValue.split('|').filter((v) => v.length > 0);
    const time = (range: TimeRange, bound: 'gte' | 'lt') => {
      const when = parseTime(rawValue);
      if (when === undefined) fail(name, 'must be an ISO 8601 date-time with a time zone');
      else range[bound] = when;
    };
    switch (name) {
      case 'eventType': {
        const types = list();
        const unknown = types.filter((t) => !EVENT_TYPES.includes(t));
        if (unknown.length > 0) fail(name, `unknown event type ${unknown.join(', ')}`);
        query.eventTypes = types;
        break;
      }
      case 'GE_eventTime':
        time(query.eventTime, 'gte');
        break;
      case 'LT_eventTime':
        time(query.eventTime, 'lt');
        break;
      case 'GE_recordTime':
        time(query.recordTime, 'gte');
        break;
      case 'LT_recordTime':
        time(query.recordTime, 'lt');
        break;
      case 'EQ_action': {
        const actions = list();
        if (actions.some((a) => !ACTIONS.includes(a))) fail(name, 'must be ADD, OBSERVE or DELETE');
        query.actions = actions;
        break;
      }
      case 'EQ_bizStep':
        query.bizSteps = list().map((v) => vocabulary.bizStep(v));
        break;
      case 'EQ_disposition':
        query.dispositions = list().map((v) => vocabulary.disposition(v));
        break;
      case 'EQ_readPoint':
      case 'WD_readPoint':
        query.readPoints.push(locations(list(), name.startsWith('WD_'), vocabulary));
        break;
      case 'EQ_bizLocation':
      case 'WD_bizLocation':
        query.bizLocations.push(locations(list(), name.startsWith('WD_'), vocabulary));
        break;
      case 'EQ_eventID':
        query.eventIDs = list();
        break;
      case 'orderBy':
        if (rawValue !== 'eventTime' && rawValue !== 'recordTime') {
          fail(name, 'must be eventTime or recordTime');
        } else query.orderBy = rawValue;
        break;
      case 'orderDirection':
        if (rawValue !== 'ASC' && rawValue !== 'DESC') fail(name, 'must be ASC or DESC');
        else query.orderDirection = rawValue;
        break;
      case 'eventCountLimit': {
        const limit = parsePositiveInt(rawValue);
        if (limit === undefined) fail(name, 'must be a positive integer');
        else query.eventCountLimit = limit;
        break;
      }
      case 'perPage': {
        const perPage = parsePositiveInt(rawValue);
        if (perPage === undefined || perPage > MAX_PER_PAGE) {
          fail(name, `must be an integer from 1 to ${MAX_PER_PAGE}`);
        } else query.perPage = perPage;
        break;
      }
      case 'nextPageToken':
        query.nextPageToken = rawValue;
        break;
      default: {
        const attribute = attributeMatch(name, list());
        if (typeof attribute === 'string') fail(name, attribute);
        if (attribute !== undefined) {
          if (typeof attribute !== 'string') query.attributes.push(attribute);
          break;
        }
        const roles = MATCH_ROLES[name];
        if (roles === undefined) fail(name, 'is not a supported query parameter');
        else query.identifiers.push({ roles, values: list().map((v) => vocabulary.identifier(v)) });
      }
    }
  }
  if (problems.length > 0) throw new EventQueryError(problems);
  return query;
}

function locations(values: string[], withDescendants: boolean, vocabulary: QueryVocabulary) {
  return { values: values.map((v) => vocabulary.location(v)), withDescendants };
}

function parseTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return undefined;
  }
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? undefined : when;
}

function parsePositiveInt(value: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}
