import { aisEvidenceSha256 } from '@pujiang/contracts';
import { createHash } from 'node:crypto';
import { AisDecodingError, decodeAisReport } from './ais-decoding';
import { positionReport, staticReport } from './testing/ais-encoder';

const MMSI = '477123400';

describe('AIS reports, decoded with ais-stream-decoder', () => {
  it('reads a class A position report encoded by ggencoder', async () => {
    const report = await decodeAisReport(positionReport(MMSI, 12.5, 45.25));
    expect(report).toEqual({ kind: 'position', mmsi: MMSI, latitude: 12.5, longitude: 45.25 });
  });

  it('reads southern and western positions (negative values)', async () => {
    const report = await decodeAisReport(positionReport(MMSI, -33.9, -18.4));
    expect(report).toMatchObject({ latitude: -33.9, longitude: -18.4 });
  });

  it('reads the IMO number and destination of static and voyage data (type 5)', async () => {
    const report = await decodeAisReport(staticReport(MMSI, '9074729', 'NLRTM'));
    expect(report).toEqual({
      kind: 'static',
      mmsi: MMSI,
      imoNumber: '9074729',
      destination: 'NLRTM',
    });
  });

  it('refuses a sentence whose checksum does not match', async () => {
    const [sentence = ''] = positionReport(MMSI, 12.5, 45.25);
    const tampered = sentence.replace(
      /\*([0-9A-F]{2})$/,
      (_, sum: string) =>
        `*${((parseInt(sum, 16) + 1) % 256).toString(16).toUpperCase().padStart(2, '0')}`,
    );
    await expect(decodeAisReport([tampered])).rejects.toThrow(AisDecodingError);
  });

  it('refuses a report with two messages in it', async () => {
    const two = [...positionReport(MMSI, 1, 1), ...positionReport(MMSI, 2, 2)];
    await expect(decodeAisReport(two)).rejects.toThrow('expected one AIS message, decoded 2');
  });

  it('hashes the sentences as received, joined by CRLF', () => {
    const sentences = [...positionReport(MMSI, 1, 1), ...positionReport(MMSI, 2, 2)];
    expect(aisEvidenceSha256(sentences)).toBe(
      createHash('sha256').update(`${sentences[0]}\r\n${sentences[1]}`).digest('hex'),
    );
  });
});
