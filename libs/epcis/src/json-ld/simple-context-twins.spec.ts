import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GS1_FIXTURES,
  GS1_JSON_EXAMPLES,
  filesUnder,
  gs1Json,
  hashIds,
} from '../testing/gs1-twins';
import { hasStandardContext, toStandardForm } from './standard-form';

const SIMPLE = join(GS1_FIXTURES, 'JSON-simple-context');

/** Every document GS1 publishes in its simple context, each beside its standard-context twin. */
const twins = filesUnder(SIMPLE, '.jsonld');

/**
 * Simple-context documents whose standard-context twin GS1 has since changed: they say
 * something else, so their hash IDs differ. Checked to still differ, so a twin GS1 brings back
 * in line moves to the compared ones.
 */
const OLDER_TWIN =
  'certificationInfo, errorDeclaration and eventID only in the standard-context twin';
const DIFFERING: Readonly<Record<string, string>> = {
  'PersistentDisposition-example.jsonld': 'AggregationEvents here, ObjectEvents in the twin',
  ...Object.fromEntries(
    ['aggregation', 'association', 'object', 'transaction', 'transformation'].map((kind) => [
      `WithFullCombinationOfFields/${kind}_event_all_possible_fields.jsonld`,
      OLDER_TWIN,
    ]),
  ),
  'WithSensorData/SensorDataExample13.jsonld':
    'epcList is a GTIN here, a serialised GTIN in the twin',
  'WithSensorData/SensorDataExample17.jsonld':
    'epcList is a GTIN here, a serialised GTIN in the twin',
};

async function hashIdsOfTwins(file: string): Promise<[string[], string[]]> {
  const simple: unknown = JSON.parse(readFileSync(join(SIMPLE, file), 'utf8'));
  expect(hasStandardContext(simple)).toBe(false);
  const normalised = await toStandardForm(simple as Record<string, never>);
  expect(hasStandardContext(normalised)).toBe(true);
  return [hashIds(normalised), hashIds(gs1Json(file))];
}

describe("GS1's simple-context documents and their standard-context twins", () => {
  it('finds all of them: 46, of which 8 differ from their twin', () => {
    expect(twins).toHaveLength(46);
    expect(twins.filter((file) => file in DIFFERING)).toHaveLength(8);
  });

  it.each(twins.filter((file) => !(file in DIFFERING)))(
    '%s means what its twin means: same events, same hash IDs',
    async (file) => {
      const [normalised, twin] = await hashIdsOfTwins(file);
      expect(normalised).toEqual(twin);
    },
  );

  it.each(Object.entries(DIFFERING))('%s still differs from its twin: %s', async (file) => {
    const [normalised, twin] = await hashIdsOfTwins(file);
    expect(normalised).toHaveLength(twin.length);
    expect(normalised).not.toEqual(twin);
  });

  it.each(filesUnder(GS1_JSON_EXAMPLES, '.jsonld'))(
    'takes the standard-context %s as standard as it is: no JSON-LD processing',
    (file) => {
      expect(hasStandardContext(gs1Json(file))).toBe(true);
    },
  );
});
