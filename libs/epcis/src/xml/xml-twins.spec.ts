import { XML_TWINS, gs1Json, gs1Xml, hashIds } from '../testing/gs1-twins';
import { readEpcisXml } from './epcis-xml-reader';

describe("GS1's XML examples and their JSON-LD twins", () => {
  const pairs = XML_TWINS.flatMap((twin) => {
    const xml = hashIds(readEpcisXml(gs1Xml(twin.xml)));
    const json = twin.json.flatMap((file) => hashIds(gs1Json(file)));
    return xml.map((hash, i) => ({
      twin,
      i,
      hash,
      twinHash: json[i],
      differs: twin.differing?.[i],
    }));
  });

  it('pairs every event of each XML example with one of its twin', () => {
    for (const twin of XML_TWINS) {
      const xml = hashIds(readEpcisXml(gs1Xml(twin.xml)));
      const json = twin.json.flatMap((file) => hashIds(gs1Json(file)));
      expect([twin.xml, xml.length]).toEqual([twin.xml, json.length]);
    }
    // Counted here so that a fixture lost or added shows: 22 documents, 63 events, 27 differing.
    expect(XML_TWINS).toHaveLength(22);
    expect(pairs).toHaveLength(63);
    expect(pairs.filter((p) => p.differs !== undefined)).toHaveLength(27);
  });

  it.each(pairs.filter((p) => p.differs === undefined).map((p) => [`${p.twin.xml} #${p.i}`, p]))(
    '%s has its twin’s event hash ID',
    (_, pair) => {
      expect(pair.hash).toBe(pair.twinHash);
    },
  );

  it.each(pairs.filter((p) => p.differs !== undefined).map((p) => [`${p.twin.xml} #${p.i}`, p]))(
    '%s still differs from its twin as listed',
    (_, pair) => {
      expect(pair.hash).not.toBe(pair.twinHash);
    },
  );
});
