/**
 * A small farm-to-store chain, written as a farmer's, a packer's and a
 * carrier's systems would send it (EPC URNs and Digital Links mixed). `tag`
 * makes lot numbers unique per test so suites sharing a database never meet.
 */
export function supplyChainDocument(tag: string) {
  const lotA = `urn:epc:class:lgtin:952012.0345678.${tag}-A`;
  const lotP = `https://id.gs1.org/01/09520123456788/10/${tag}-P`;
  const pallet = 'urn:epc:id:sscc:952012.03456789012';
  const event = (fields: Record<string, unknown>, minute: number) => ({
    eventTime: `2026-11-20T08:${String(minute).padStart(2, '0')}:00.000+01:00`,
    eventTimeZoneOffset: '+01:00',
    ...fields,
  });
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-20T09:00:00.000+01:00',
    epcisBody: {
      eventList: [
        event(
          {
            type: 'ObjectEvent',
            action: 'ADD',
            bizStep: 'commissioning',
            disposition: 'active',
            epcList: [],
            quantityList: [{ epcClass: lotA, quantity: 1250, uom: 'KGM' }],
            readPoint: { id: 'urn:epc:id:sgln:952012.345679.0' },
            bizLocation: { id: 'urn:epc:id:sgln:952012.345679.0' },
          },
          1,
        ),
        event(
          {
            type: 'TransformationEvent',
            bizStep: 'creating_class_instance',
            inputQuantityList: [{ epcClass: lotA, quantity: 1250, uom: 'KGM' }],
            outputQuantityList: [{ epcClass: lotP, quantity: 1000, uom: 'KGM' }],
            bizLocation: { id: 'https://id.gs1.org/414/9520123456771' },
          },
          2,
        ),
        event(
          {
            type: 'AggregationEvent',
            action: 'ADD',
            bizStep: 'packing',
            parentID: pallet,
            childEPCs: [],
            childQuantityList: [{ epcClass: lotP, quantity: 1000, uom: 'KGM' }],
            bizLocation: { id: 'https://id.gs1.org/414/9520123456771' },
          },
          3,
        ),
        event(
          {
            type: 'ObjectEvent',
            action: 'OBSERVE',
            bizStep: 'shipping',
            disposition: 'in_transit',
            epcList: [pallet],
            readPoint: { id: 'https://id.gs1.org/414/9520123456771' },
            bizTransactionList: [
              { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:9520123456788:${tag}-PO1` },
            ],
            sourceList: [{ type: 'location', source: 'https://id.gs1.org/414/9520123456771' }],
            destinationList: [
              { type: 'location', destination: 'https://id.gs1.org/414/9520123456788' },
            ],
          },
          4,
        ),
        event(
          {
            type: 'ObjectEvent',
            action: 'OBSERVE',
            bizStep: 'receiving',
            disposition: 'in_progress',
            epcList: [pallet],
            bizLocation: { id: 'https://id.gs1.org/414/9520123456788' },
          },
          5,
        ),
      ] as Record<string, unknown>[],
    },
  };
}
