import { GS1_FIXTURES, filesUnder, gs1Xml } from '../testing/gs1-twins';
import { xsdProblems } from './xsd-validation';

describe("GS1's XSDs", () => {
  const examples = filesUnder(GS1_FIXTURES, '.xml');

  it('finds GS1’s XML examples, EPCIS 2.0 and 1.2', () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples.map((file) => [file]))('find %s valid', async (file) => {
    expect(await xsdProblems(gs1Xml(file))).toEqual([]);
  });

  it('name the line and the element of what is not valid', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-01-01T00:00:00Z">',
      '  <EPCISBody>',
      '    <EventList>',
      '      <ObjectEvent>',
      '        <eventTime>yesterday</eventTime>',
      '      </ObjectEvent>',
      '    </EventList>',
      '  </EPCISBody>',
      '</epcis:EPCISDocument>',
    ].join('\n');
    const problems = await xsdProblems(xml);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line: 6, detail: expect.stringMatching(/eventTime/) });
  });

  it('refuses a root element in no EPCIS namespace', async () => {
    expect(await xsdProblems('<EPCISDocument schemaVersion="2.0"/>')).toHaveLength(1);
    expect(await xsdProblems('<x:Doc xmlns:x="urn:example"/>')).toHaveLength(1);
  });
});
