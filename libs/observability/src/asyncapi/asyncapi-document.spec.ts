import { Parser } from '@asyncapi/parser';
import { TOPIC_SPECS } from '@pujiang/contracts';
import { describeMessages } from './asyncapi-document';

/** DiagnosticSeverity.Error of the parser's diagnostics (Spectral's). */
const ERROR = 0;

interface Described {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: {
    messages: Record<string, { payload: { properties?: { data?: { $ref: string } } } }>;
    schemas: Record<string, { additionalProperties?: boolean; properties?: object }>;
  };
}

describe('the AsyncAPI document of the Kafka topics', () => {
  const document = describeMessages();
  const described = document as unknown as Described;

  it('is a valid AsyncAPI 3 document, as the AsyncAPI parser judges it', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((diagnostic) => Number(diagnostic.severity) === ERROR);

    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
  });

  it('would be refused by the same check if an operation named a channel that does not exist', async () => {
    const broken = structuredClone(document) as { operations: Record<string, object> };
    broken.operations.send_anchorRequested = {
      action: 'send',
      channel: { $ref: '#/channels/nowhere' },
    };

    const { diagnostics } = await new Parser().parse(JSON.stringify(broken));

    expect(diagnostics.filter((diagnostic) => Number(diagnostic.severity) === ERROR)).not.toEqual(
      [],
    );
  });

  it('has a channel for every topic the platform provisions, dead-letter topics included', () => {
    const addresses = Object.values(described.channels).map((channel) => channel.address);

    expect(addresses.sort()).toEqual(TOPIC_SPECS.map((spec) => spec.name).sort());
  });

  it('describes each payload with the rules its consumers validate, closed to unknown members', () => {
    const data = described.components.messages.anchorCommitted?.payload.properties?.data;
    const committed = described.components.schemas.AnchorCommittedV1;

    expect(data).toEqual({ $ref: '#/components/schemas/AnchorCommittedV1' });
    expect(committed).toMatchObject({
      additionalProperties: false,
      required: expect.arrayContaining(['batchId', 'merkleRoot', 'items', 'txId']),
      properties: {
        merkleRoot: { pattern: '^[0-9a-f]{64}$' },
        items: { type: 'array', items: { $ref: '#/components/schemas/AnchoredItem' } },
      },
    });
    expect(described.components.schemas.AnchoredItem).toMatchObject({
      additionalProperties: false,
    });
    expect(Object.keys(described.components.schemas).sort()).toEqual([
      'AisReportReceivedV1',
      'AnchorCommittedV1',
      'AnchorRequestedV1',
      'AnchoredItem',
      'ClaimChangedV1',
      'ClaimTimeBarV1',
      'EblChangedV1',
      'EpcisEventCapturedV1',
      'ReadingAttestationV1',
      'VesselChangedV1',
      'VoyageEventRecordedV1',
    ]);
  });
});
