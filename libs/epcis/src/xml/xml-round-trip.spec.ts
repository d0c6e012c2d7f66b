import type { JsonObject } from '../event-hash/json';
import { GS1_JSON_EXAMPLES, filesUnder, gs1Json, gs1Xml, hashIds } from '../testing/gs1-twins';
import { readEpcisXml } from './epcis-xml-reader';
import { writeEpcisXml } from './epcis-xml-writer';

describe('EPCIS 2.0 XML written from JSON-LD', () => {
  it.each(filesUnder(GS1_JSON_EXAMPLES, '.jsonld'))(
    '%s reads back as the same events, with the same hash IDs',
    (file) => {
      const document = gs1Json(file) as JsonObject;
      const xml = writeEpcisXml(document);
      expect(hashIds(readEpcisXml(xml))).toEqual(hashIds(document));
    },
  );

  it('writes a query document in the query namespace, with CBV URNs and the XSD field order', () => {
    const xml = writeEpcisXml(gs1Json('EPCISQueryDocument.jsonld') as JsonObject);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<epcisq:EPCISQueryDocument /);
    expect(xml).toContain('xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2"');
    expect(xml).toContain('<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>');
    expect(xml.indexOf('<eventTime>')).toBeLessThan(xml.indexOf('<epcList>'));
    expect(xml.indexOf('<epcList>')).toBeLessThan(xml.indexOf('<action>'));
  });

  it('round-trips GS1 XML: read, written and read again, the same hash IDs', () => {
    const first = readEpcisXml(
      gs1Xml('XML/WithFullCombinationOfFields/object_event_all_possible_fields.xml'),
    );
    expect(hashIds(readEpcisXml(writeEpcisXml(first)))).toEqual(hashIds(first));
  });
});
