import AisDecoder from 'ais-stream-decoder';

/** What one AIS report says that the positions service uses. */
export type AisReport =
  | { kind: 'position'; mmsi: string; latitude: number; longitude: number }
  /** Type 5 static and voyage data: ties the MMSI to the ship's IMO number. */
  | { kind: 'static'; mmsi: string; imoNumber: string; destination: string }
  | { kind: 'other'; mmsi: string; type: number };

export class AisDecodingError extends Error {
  override readonly name = 'AisDecodingError';
}

/** AIS's "not available" values: 91° latitude, 181° longitude. */
const NO_POSITION = { latitude: 91, longitude: 181 };

interface Decoded {
  type: number;
  mmsi: number;
  lat?: number;
  lon?: number;
  imo?: number;
  destination?: string;
}

/**
 * Decodes the sentences of one report with ais-stream-decoder (checksums,
 * multi-part reassembly, the six-bit payload): a fresh decoder per report,
 * since the library's stream stops at its first error.
 */
export function decodeAisReport(sentences: readonly string[]): Promise<AisReport> {
  return new Promise((resolve, reject) => {
    const decoder = new AisDecoder({ silent: false });
    const messages: Decoded[] = [];
    decoder.on('data', (json: string) => messages.push(JSON.parse(json) as Decoded));
    decoder.on('error', (error: Error) => reject(new AisDecodingError(error.message)));
    decoder.on('end', () => {
      const message = messages[0];
      if (messages.length !== 1 || message === undefined) {
        reject(new AisDecodingError(`expected one AIS message, decoded ${messages.length}`));
        return;
      }
      resolve(reportOf(message));
    });
    for (const sentence of sentences) decoder.write(sentence);
    decoder.end();
  });
}

function reportOf(message: Decoded): AisReport {
  const mmsi = String(message.mmsi).padStart(9, '0');
  const { lat, lon } = message;
  if ([1, 2, 3, 18].includes(message.type) && lat !== undefined && lon !== undefined) {
    if (lat === NO_POSITION.latitude || lon === NO_POSITION.longitude) {
      return { kind: 'other', mmsi, type: message.type };
    }
    return { kind: 'position', mmsi, latitude: lat, longitude: lon };
  }
  if (message.type === 5 && message.imo !== undefined && message.imo > 0) {
    return {
      kind: 'static',
      mmsi,
      imoNumber: String(message.imo).padStart(7, '0'),
      destination: (message.destination ?? '').trim(),
    };
  }
  return { kind: 'other', mmsi, type: message.type };
}
