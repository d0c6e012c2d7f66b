// ggencoder ships no types: what the tests use of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ggencoder = require('ggencoder') as {
  AisEncode: new (message: Record<string, unknown>) => { valid: boolean; nmea: string };
};

/**
 * AIS sentences for tests, encoded by ggencoder (GeoGate's AIS encoder), a
 * library apart from the decoder the service uses: the tests never write a
 * sentence by hand, and a decoder bug cannot hide behind an encoder of ours.
 */
export function positionReport(mmsi: string, latitude: number, longitude: number): string[] {
  return encode({
    aistype: 1,
    repeat: 0,
    mmsi: Number(mmsi),
    navstatus: 0,
    lat: latitude,
    lon: longitude,
    sog: 12.5,
    cog: 90,
    hdg: 90,
  });
}

/** Type 5: the ship's IMO number, name and destination for its MMSI. */
export function staticReport(mmsi: string, imoNumber: string, destination: string): string[] {
  return encode({
    aistype: 5,
    repeat: 0,
    mmsi: Number(mmsi),
    imo: Number(imoNumber),
    callsign: 'VRPJ1',
    shipname: 'PUJIANG PIONEER',
    cargo: 70,
    dimA: 150,
    dimB: 40,
    dimC: 16,
    dimD: 16,
    etaMo: 11,
    etaDay: 20,
    etaHr: 12,
    etaMin: 0,
    draught: 11.5,
    destination,
  });
}

function encode(message: Record<string, unknown>): string[] {
  const encoded = new ggencoder.AisEncode(message);
  if (!encoded.valid) throw new Error(`ggencoder could not encode ${JSON.stringify(message)}`);
  return [encoded.nmea];
}
