import { appliedEpcFormat, withEpcFormat } from './epc-format';

const EVENT = {
  type: 'ObjectEvent',
  epcList: ['urn:epc:id:sgtin:0614141.812345.6789', 'https://id.gs1.org/01/80614141123458/21/7'],
  quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.L1', quantity: 2 }],
  readPoint: { id: 'https://example.com/01/09520123456788/21/3?x=1' },
  bizLocation: { id: 'urn:epc:id:sgln:952012.345678.0' },
  sourceList: [{ type: 'owning_party', source: 'https://id.gs1.org/417/0614141000005' }],
  parentID: 'https://id.gs1.org/00/106141412345678908',
  'example:note': 'urn:epc:id:sgtin:0614141.812345.6789',
};
const PREFIXES = ['0614141', '4012345', '952012'];

describe('GS1-EPC-Format on a query answer', () => {
  it('reads the header: No_Preference and nothing apply no translation', () => {
    expect(appliedEpcFormat(undefined)).toBe('Never_Translates');
    expect(appliedEpcFormat('No_Preference')).toBe('Never_Translates');
    expect(appliedEpcFormat('Never_Translates')).toBe('Never_Translates');
    expect(appliedEpcFormat(' Always_EPC_URN ')).toBe('Always_EPC_URN');
    expect(appliedEpcFormat('Always_GS1_Digital_Link')).toBe('Always_GS1_Digital_Link');
  });

  it('writes every EPC as its canonical Digital Link', () => {
    expect(withEpcFormat(EVENT, 'Always_GS1_Digital_Link', PREFIXES)).toEqual({
      ...EVENT,
      epcList: [
        'https://id.gs1.org/01/80614141123458/21/6789',
        'https://id.gs1.org/01/80614141123458/21/7',
      ],
      quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345123456/10/L1', quantity: 2 }],
      readPoint: { id: 'https://id.gs1.org/01/09520123456788/21/3' },
      bizLocation: { id: 'https://id.gs1.org/414/9520123456788' },
    });
  });

  it('writes every EPC as a URN where its company prefix is known', () => {
    expect(withEpcFormat(EVENT, 'Always_EPC_URN', PREFIXES)).toEqual({
      ...EVENT,
      epcList: ['urn:epc:id:sgtin:0614141.812345.6789', 'urn:epc:id:sgtin:0614141.812345.7'],
      readPoint: { id: 'urn:epc:id:sgtin:952012.0345678.3' },
      sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00000' }],
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
    });
    // Unknown prefixes: the Digital Link stays.
    expect(withEpcFormat(EVENT, 'Always_EPC_URN', [])).toEqual(EVENT);
  });

  it('leaves the document as captured otherwise', () => {
    expect(withEpcFormat(EVENT, 'Never_Translates', PREFIXES)).toBe(EVENT);
  });
});
