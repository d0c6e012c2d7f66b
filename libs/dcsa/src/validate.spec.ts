import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonChecksum, signedContentChecksum } from './checksum';
import { DcsaKindError, detectDcsaKind } from './detect-kind';
import { DCSA_KIND_NAMES, type DcsaKind } from './kinds';
import { MAX_REPORTED_VIOLATIONS, validateDcsa } from './validate';
import { dcsaValidator } from './validators';

type Json = Record<string, unknown>;

const MESSAGES = join(__dirname, '../../../test/fixtures/dcsa/messages');
const text = (name: string): string => readFileSync(join(MESSAGES, name), 'utf8');
const sample = (name: string): Json => JSON.parse(text(name)) as Json;

/**
 * Fills a DCSA template: each `NAME` of `values`, quoted (`"NAME"`) or bare (the surrender
 * template has `"actor": CARRIER_PARTY`), becomes the JSON of its value. Any placeholder
 * left over would make the template fail, so the test also checks none is.
 */
function fill(template: string, values: Record<string, unknown>): Json {
  const filled = template.replace(/"?\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b"?/g, (token, name) =>
    Object.hasOwn(values, name as string) ? JSON.stringify(values[name as string]) : token,
  );
  expect(filled).not.toMatch(/PLACEHOLDER|_PARTY\b|REASON_CODE/);
  return JSON.parse(filled) as Json;
}

const TD_REFERENCE = 'PJOL2025000417'; // at most 20 characters
const carrier = {
  eblPlatform: 'PJA',
  partyName: 'Pujiang Ocean Lines',
  identifyingCodes: [{ codeListProvider: 'SMDG', codeListName: 'LCL', partyCode: 'PJOL' }],
};
const holder = {
  eblPlatform: 'PJB',
  partyName: 'Rotterdam Food Imports B.V.',
  identifyingCodes: [
    { codeListProvider: 'GLEIF', codeListName: 'LEI', partyCode: '724500VKKSH9QOLTFR81' },
  ],
};

/** A compact JWS over `payload`, signed as a platform would (Ed25519). */
const { privateKey } = generateKeyPairSync('ed25519');
function jws(payload: unknown): string {
  const encode = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const input = `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}

function filledPintTransportDocument(): Json {
  return fill(text('pint-3.0.0-transport-document.json'), {
    TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER: TD_REFERENCE,
    SHIPPING_INSTRUCTION_REFERENCE_PLACEHOLDER: 'SI-PJOL-2025-0417',
    BOOKING_REFERENCE_PLACEHOLDER: 'PJOL25BK0417',
  });
}

/**
 * DCSA's issuance template, filled; it also lacks `issuanceManifestSignedContent`, which
 * IssuanceRequest requires: the carrier's signed manifest of the document's and the
 * issue-to party's checksums is added here.
 */
function filledIssuanceRequest(): Json {
  const request = fill(text('eblissuance-v3.0.0-request.json'), {
    TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER: TD_REFERENCE,
    SHIPPING_INSTRUCTION_REFERENCE_PLACEHOLDER: 'SI-PJOL-2025-0417',
    BOOKING_REFERENCE_PLACEHOLDER: 'PJOL25BK0417',
    SHIPPER_LEGAL_NAME_PLACEHOLDER: 'Jiangnan Soy Exports Co., Ltd.',
    SHIPPER_CODE_LIST_PROVIDER: 'GLEIF',
    SHIPPER_PARTY_CODE_PLACEHOLDER: '3003001JNSOYEXP2X471',
    SHIPPER_CODE_LIST_NAME_PLACEHOLDER: 'LEI',
    CONSIGNEE_LEGAL_NAME_PLACEHOLDER: 'Rotterdam Food Imports B.V.',
    CONSIGNEE_CODE_LIST_PROVIDER: 'GLEIF',
    CONSIGNEE_PARTY_CODE_PLACEHOLDER: '724500VKKSH9QOLTFR81',
    CONSIGNEE_CODE_LIST_NAME_PLACEHOLDER: 'LEI',
    ISSUING_PARTY_LEGAL_NAME_PLACEHOLDER: 'Pujiang Ocean Lines',
    ISSUING_PARTY_CODE_LIST_PROVIDER: 'SMDG',
    ISSUING_PARTY_PARTY_CODE_PLACEHOLDER: 'PJOL',
    ISSUING_PARTY_CODE_LIST_NAME_PLACEHOLDER: 'LCL',
    ISSUE_TO_LEGAL_NAME_PLACEHOLDER: 'Jiangnan Soy Exports Co., Ltd.',
    SEND_TO_PLATFORM_PLACEHOLDER: 'PJA',
    ISSUE_TO_CODE_LIST_PROVIDER: 'PJA',
    ISSUE_TO_PARTY_CODE_PLACEHOLDER: 'jiangnan-soy',
    ISSUE_TO_CODE_LIST_NAME_PLACEHOLDER: 'PJA-DIRECTORY',
  });
  const manifest = {
    documentChecksum: jsonChecksum(request.document),
    issueToChecksum: jsonChecksum(request.issueTo),
  };
  return { ...request, issuanceManifestSignedContent: jws(manifest) };
}

function filledSurrenderRequest(): Json {
  return fill(text('eblsurrender-api-v3.0.0-request.json'), {
    SURRENDER_REQUEST_REFERENCE_PLACEHOLDER: 'SR-PJB-2025-0091',
    TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER: TD_REFERENCE,
    SURRENDER_REQUEST_CODE_PLACEHOLDER: 'AREQ',
    REASON_CODE: 'SWTP',
    SURRENDER_ACTION_CODE_PLACEHOLDER: 'SURRENDER_FOR_AMENDMENT',
    CARRIER_PARTY: carrier,
    ISSUE_TO_PARTY: holder,
    SURRENDEREE_PARTY: holder,
  });
}

function filledErrorResponse(): Json {
  return fill(text('ebl-api-3.0.0-error-message.json'), {
    HTTP_METHOD_PLACEHOLDER: 'GET',
    REQUEST_URI_PLACEHOLDER: `/v3/transport-documents/${TD_REFERENCE}`,
    REFERENCE_PLACEHOLDER: '4426d965-0dd8-4005-8c63-dc68b01c4962',
    ERROR_DATE_TIME_PLACEHOLDER: '2025-03-14T09:26:53Z',
    ERROR_MESSAGE_PLACEHOLDER: `No transport document with reference ${TD_REFERENCE}`,
  });
}

/** A PINT envelope around the filled transport document, with one signed transfer. */
function pintEnvelope(): Json {
  const transportDocument = filledPintTransportDocument();
  const transportDocumentChecksum = jsonChecksum(transportDocument);
  const entry = jws({
    eblPlatform: 'PJA',
    transportDocumentChecksum,
    transactions: [
      {
        actionCode: 'ISSUE',
        actor: carrier,
        recipient: holder,
        actionDateTime: '2025-03-12T08:15:00Z',
      },
    ],
  });
  return {
    transportDocument,
    envelopeManifestSignedContent: jws({
      transportDocumentChecksum,
      lastEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(entry),
    }),
    envelopeTransferChain: [entry],
  };
}

/** One valid message of every kind. */
const EXAMPLES: Record<DcsaKind, () => Json> = {
  shippingInstructions: () => sample('ebl-api-3.0.0-straight-bl.json'),
  transportDocument: filledPintTransportDocument,
  issuanceRequest: filledIssuanceRequest,
  issuanceResponse: () => ({
    transportDocumentReference: TD_REFERENCE,
    issuanceResponseCode: 'ISSU',
  }),
  surrenderRequest: filledSurrenderRequest,
  surrenderResponse: () => ({ surrenderRequestReference: 'SR-PJB-2025-0091', action: 'SURR' }),
  pintEnvelope,
  envelopeTransferFinishedResponse: () => ({
    lastEnvelopeTransferChainEntrySignedContentChecksum: 'ab'.repeat(32),
    responseCode: 'RECE',
  }),
  errorResponse: filledErrorResponse,
};

/** The violations of `message` as `kind`, failing the test if it is valid. */
function violationsOf(message: unknown, kind?: DcsaKind) {
  const result = validateDcsa(message, kind);
  if (result.valid) throw new Error('expected violations, the message is valid');
  return result.violations;
}

describe('DCSA samples', () => {
  it.each([
    'ebl-api-3.0.0-request.json',
    'ebl-api-3.0.0-straight-bl.json',
    'ebl-api-3.0.0-negotiable-bl.json',
  ])('%s is a valid shippingInstructions as it is', (name) => {
    expect(validateDcsa(sample(name))).toEqual({ kind: 'shippingInstructions', valid: true });
  });

  it.each<[string, DcsaKind, () => Json]>([
    ['pint-3.0.0-transport-document.json', 'transportDocument', filledPintTransportDocument],
    ['eblissuance-v3.0.0-request.json', 'issuanceRequest', filledIssuanceRequest],
    ['eblsurrender-api-v3.0.0-request.json', 'surrenderRequest', filledSurrenderRequest],
    ['ebl-api-3.0.0-error-message.json', 'errorResponse', filledErrorResponse],
  ])('template %s is a valid %s once filled', (_name, kind, filled) => {
    expect(validateDcsa(filled())).toEqual({ kind, valid: true });
  });

  it('the PINT transport document is valid inside an envelope, against PINT’s own copy', () => {
    expect(validateDcsa(pintEnvelope())).toEqual({ kind: 'pintEnvelope', valid: true });
  });

  describe('templates as DCSA ships them', () => {
    const paths = (name: string) => violationsOf(sample(name)).map((v) => v.path);

    it('issuance request: placeholders too long, and no signed issuance manifest', () => {
      expect(paths('eblissuance-v3.0.0-request.json')).toEqual([
        '$.issuanceManifestSignedContent',
        '$.document.transportDocumentReference',
        '$.issueTo.sendToPlatform',
      ]);
    });

    it('PINT transport document: the reference placeholder exceeds 20 characters', () => {
      expect(violationsOf(sample('pint-3.0.0-transport-document.json'))).toEqual([
        {
          path: '$.transportDocumentReference',
          pointer: '/transportDocumentReference',
          message: 'must NOT have more than 20 characters',
        },
      ]);
    });

    it('error message: the method and time placeholders are not a method or a time', () => {
      expect(paths('ebl-api-3.0.0-error-message.json')).toEqual([
        '$.httpMethod',
        '$.errorDateTime',
      ]);
    });

    it('surrender request: bare placeholders, so not JSON until filled', () => {
      const parse = (): unknown => JSON.parse(text('eblsurrender-api-v3.0.0-request.json'));
      expect(parse).toThrow(SyntaxError);
    });
  });
});

describe('message kinds, by shape', () => {
  it('has an example of every kind', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...DCSA_KIND_NAMES].sort());
  });

  it.each(DCSA_KIND_NAMES)('recognises and accepts a %s', (kind) => {
    const message = EXAMPLES[kind]();
    expect(detectDcsaKind(message)).toBe(kind);
    expect(validateDcsa(message)).toEqual({ kind, valid: true });
  });

  it('refuses an unknown shape, naming the kinds it knows', () => {
    const refusal = (): unknown => validateDcsa({ bookingReference: 'PJOL25BK0417' });
    expect(refusal).toThrow(DcsaKindError);
    expect(refusal).toThrow(/not a DCSA message this library knows/);
    for (const kind of DCSA_KIND_NAMES) expect(refusal).toThrow(kind);
  });

  it.each([null, [], 'PJOL2025000417', 42])('refuses %j, which is not an object', (value) => {
    expect(() => detectDcsaKind(value)).toThrow('a DCSA message is a JSON object');
  });

  it('refuses to guess between kinds whose identifying properties are all present', () => {
    const both = { ...sample('ebl-api-3.0.0-request.json'), ...filledPintTransportDocument() };
    expect(() => detectDcsaKind(both)).toThrow(
      'the message could be any of shippingInstructions, transportDocument',
    );
  });

  it('checks a message as the kind it is told, whatever its shape', () => {
    const result = validateDcsa(sample('ebl-api-3.0.0-request.json'), 'transportDocument');
    expect(result.kind).toBe('transportDocument');
    expect(result.valid).toBe(false);
    expect(violationsOf(sample('ebl-api-3.0.0-request.json'), 'transportDocument')).toContainEqual({
      path: '$.transportDocumentReference',
      pointer: '/transportDocumentReference',
      message: 'is required',
    });
  });
});

describe('violations', () => {
  const straight = () => sample('ebl-api-3.0.0-straight-bl.json');
  type Si = {
    documentParties: { shipper: Json };
    consignmentItems: { cargoItems: { outerPackaging: Json }[] }[];
    utilizedTransportEquipments: Json[];
    partyContactDetails: Json[];
  } & Json;

  it('a missing required property is named at its own path', () => {
    const si = straight() as Si;
    delete si.documentParties.shipper.partyName;
    expect(violationsOf(si)).toEqual([
      {
        path: '$.documentParties.shipper.partyName',
        pointer: '/documentParties/shipper/partyName',
        message: 'is required',
      },
    ]);
  });

  it('a value outside an enumeration lists the allowed values', () => {
    expect(violationsOf({ ...straight(), transportDocumentTypeCode: 'BOX' })).toEqual([
      {
        path: '$.transportDocumentTypeCode',
        pointer: '/transportDocumentTypeCode',
        message: 'must be one of "BOL", "SWB"',
      },
    ]);
  });

  it('a string too long is named with its array index', () => {
    const si = straight() as Si;
    si.utilizedTransportEquipments[0].equipmentReference = 'MSCU99887761';
    expect(violationsOf(si)).toEqual([
      {
        path: '$.utilizedTransportEquipments[0].equipmentReference',
        pointer: '/utilizedTransportEquipments/0/equipmentReference',
        message: 'must NOT have more than 11 characters',
      },
    ]);
  });

  it('a value of the wrong type says which type', () => {
    expect(violationsOf({ ...straight(), isElectronic: 'yes' })).toEqual([
      { path: '$.isElectronic', pointer: '/isElectronic', message: 'must be boolean' },
    ]);
  });

  it('names a field deep inside nested arrays', () => {
    const si = straight() as Si;
    si.consignmentItems[0].cargoItems[0].outerPackaging.numberOfPackages = 0;
    expect(violationsOf(si)).toEqual([
      {
        path: '$.consignmentItems[0].cargoItems[0].outerPackaging.numberOfPackages',
        pointer: '/consignmentItems/0/cargoItems/0/outerPackaging/numberOfPackages',
        message: 'must be >= 1',
      },
    ]);
  });

  it('names a field inside the document of an issuance request', () => {
    const request = filledIssuanceRequest();
    const document = request.document as { consignmentItems: { cargoItems: Json[] }[] };
    document.consignmentItems[0].cargoItems[0].cargoGrossWeight = { value: 12000, unit: 'TON' };
    expect(violationsOf(request).map((v) => [v.path, v.message])).toEqual([
      [
        '$.document.consignmentItems[0].cargoItems[0].cargoGrossWeight.unit',
        'must be one of "KGM", "LBR"',
      ],
    ]);
  });

  it('names a party inside the endorsement chain of a surrender request', () => {
    const request = filledSurrenderRequest();
    const chain = request.endorsementChain as { actor: Json }[];
    chain[1].actor = { partyName: holder.partyName, identifyingCodes: holder.identifyingCodes };
    expect(violationsOf(request).map((v) => v.path)).toEqual([
      '$.endorsementChain[1].actor.eblPlatform',
    ]);
  });

  it('an envelope transfer chain entry must be a compact JWS', () => {
    const envelope = { ...pintEnvelope(), envelopeTransferChain: ['not a signature'] };
    expect(violationsOf(envelope).map((v) => v.path)).toEqual(['$.envelopeTransferChain[0]']);
  });

  it('reports one violation per field, however many rules it breaks', () => {
    const td = { ...filledPintTransportDocument(), invoicePayableAt: { UNLocationCode: 'dk' } };
    expect(violationsOf(td)).toEqual([
      {
        path: '$.invoicePayableAt.UNLocationCode',
        pointer: '/invoicePayableAt/UNLocationCode',
        message:
          'must NOT have fewer than 5 characters; must match pattern "^[A-Z]{2}[A-Z2-9]{3}$"',
      },
    ]);
  });

  describe('oneOf and anyOf', () => {
    const td = (invoicePayableAt: unknown) => ({
      ...filledPintTransportDocument(),
      invoicePayableAt,
    });

    it('a value that fits no alternative gets one violation naming them all', () => {
      expect(violationsOf(td({}))).toEqual([
        {
          path: '$.invoicePayableAt',
          pointer: '/invoicePayableAt',
          message: 'must have exactly one of UNLocationCode, freeText',
        },
      ]);
    });

    it('a value that fits more than one alternative is told to choose', () => {
      expect(violationsOf(td({ UNLocationCode: 'DKAAR', freeText: 'Aarhus' }))).toEqual([
        {
          path: '$.invoicePayableAt',
          pointer: '/invoicePayableAt',
          message: 'must have only one of UNLocationCode, freeText',
        },
      ]);
    });

    it('anyOf: a contact with neither phone nor email', () => {
      const si = straight() as Si;
      si.partyContactDetails[0] = { name: 'DCSA Test Person' };
      expect(violationsOf(si)).toEqual([
        {
          path: '$.partyContactDetails[0]',
          pointer: '/partyContactDetails/0',
          message: 'must have at least one of phone, email',
        },
      ]);
    });

    it('the discriminator picks the branch: shipper-owned equipment needs its equipment', () => {
      const si = straight() as Si;
      si.utilizedTransportEquipments[0].isShipperOwned = true;
      expect(violationsOf(si)).toEqual([
        {
          path: '$.utilizedTransportEquipments[0].equipment',
          pointer: '/utilizedTransportEquipments/0/equipment',
          message: 'is required',
        },
      ]);
    });
  });

  it('never names the same path twice', () => {
    const si = straight() as Si;
    si.partyContactDetails = [{ name: 'x'.repeat(40) }, { email: 3 }];
    si.utilizedTransportEquipments = [{ seals: [] }];
    const paths = violationsOf(si).map((v) => v.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.partyContactDetails[0].name',
        '$.partyContactDetails[1].email',
        '$.utilizedTransportEquipments[0].seals',
        '$.utilizedTransportEquipments[0].isShipperOwned',
      ]),
    );
  });
});

describe('a message with a hundred thousand violations', () => {
  const hostile = (): Json => ({
    ...EXAMPLES.shippingInstructions(),
    utilizedTransportEquipments: Array.from({ length: 20_000 }, () => ({
      cargoGrossWeight: 'heavy',
      isShipperOwned: 'yes',
      seals: 1,
      references: 2,
      customsReferences: 3,
    })),
  });

  it('is checked up to its first error only, and names a bounded number of violations', () => {
    const result = validateDcsa(hostile(), 'shippingInstructions');
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations.length).toBeLessThanOrEqual(MAX_REPORTED_VIOLATIONS);
    // The validator that ran last kept only the errors of the first failing value.
    expect(dcsaValidator('shippingInstructions', 'first').errors?.length).toBeLessThan(50);
  });

  it('a small message still has every violation named', () => {
    const message: Json = { ...EXAMPLES.shippingInstructions(), transportDocumentTypeCode: 1 };
    delete message.isElectronic;
    const paths = violationsOf(message).map((v) => v.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.transportDocumentTypeCode', '$.isElectronic']),
    );
  });
});
