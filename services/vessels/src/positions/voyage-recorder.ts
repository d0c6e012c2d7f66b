import { Injectable, Logger } from '@nestjs/common';
import {
  AisReportReceivedV1,
  LedgerErrorCode,
  VOYAGES_CONTRACT,
  VoyageEventInput,
  VoyageEventRecord,
  VoyagesTransaction,
  aisEvidenceSha256,
  decimalDegrees,
} from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { PoisonMessageError } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { AisDecodingError, AisReport, decodeAisReport } from './ais-decoding';
import { AreaRegister } from './areas/area-register';
import { instantOf, movesTrack, voyageEventInputs } from './domain/voyage-events';
import { crossings } from './domain/voyage-track';

interface TrackRow {
  imo_number: string | null;
  inside: string[] | null;
  last_at: Date | null;
}

/**
 * The positions code's use case (issue 21): an AIS report from Kafka is
 * decoded, added to its vessel's track, and each area it entered (a war-risk
 * or port area, or out of the vessel's trading limits) is recorded on the
 * ledger as a voyage event, signed by this service's own platform identity,
 * with the hash of the report's sentences. All in the inbox's transaction:
 * a report redelivered after a crash finds the track as it was and makes the
 * same events, which the ledger already holds once (ALREADY_EXISTS is read
 * back, not recorded again), so none is lost or doubled.
 */
@Injectable()
export class VoyageRecorder {
  private readonly logger = new Logger(VoyageRecorder.name);

  constructor(
    private readonly gateway: LedgerGateway,
    private readonly register: AreaRegister,
  ) {}

  async receive(received: AisReportReceivedV1, manager: EntityManager): Promise<void> {
    const report = await this.decode(received.sentences);
    if (report.kind === 'static') await this.identify(report, manager);
    if (report.kind === 'position') await this.move(report, received, manager);
  }

  /** The type 5 report: which ship (IMO number) the MMSI is. */
  private async identify(
    report: Extract<AisReport, { kind: 'static' }>,
    manager: EntityManager,
  ): Promise<void> {
    // A vessel with another IMO number behind the MMSI starts a new track.
    await manager.query(
      `INSERT INTO vessel_track (mmsi, imo_number) VALUES ($1, $2)
       ON CONFLICT (mmsi) DO UPDATE SET imo_number = EXCLUDED.imo_number, updated_at = now(),
         inside = CASE WHEN vessel_track.imo_number = EXCLUDED.imo_number
                       THEN vessel_track.inside END,
         last_at = CASE WHEN vessel_track.imo_number = EXCLUDED.imo_number
                        THEN vessel_track.last_at END`,
      [report.mmsi, report.imoNumber],
    );
  }

  /** A position: kept, and judged against the areas if it is the track's newest. */
  private async move(
    report: Extract<AisReport, { kind: 'position' }>,
    received: AisReportReceivedV1,
    manager: EntityManager,
  ): Promise<void> {
    const at = this.instant(received.receivedAt);
    await manager.query(
      `INSERT INTO vessel_position (mmsi, at, latitude, longitude, evidence_sha256)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [
        report.mmsi,
        at,
        decimalDegrees(report.latitude),
        decimalDegrees(report.longitude),
        aisEvidenceSha256(received.sentences),
      ],
    );
    const tracks: TrackRow[] = await manager.query(
      `SELECT imo_number, inside, last_at FROM vessel_track WHERE mmsi = $1 FOR UPDATE`,
      [report.mmsi],
    );
    const track = tracks[0];
    if (track?.imo_number == null) {
      this.logger.debug({ mmsi: report.mmsi }, 'position of an MMSI with no IMO number yet');
      return;
    }
    const lastAt = track.last_at === null ? undefined : new Date(track.last_at).toISOString();
    if (!movesTrack(lastAt, at)) return;
    const imoNumber = track.imo_number;
    const areas = await this.register.watching(manager, imoNumber);
    const moved = crossings(areas, track.inside ?? undefined, report);
    const inputs = voyageEventInputs(
      { ...report, imoNumber, receivedAt: at, sentences: received.sentences },
      moved.crossings,
    );
    for (const input of inputs) await this.record(manager, input, received.sentences);
    await manager.query(
      `UPDATE vessel_track SET inside = $2, last_at = $3, updated_at = now() WHERE mmsi = $1`,
      [report.mmsi, moved.inside, at],
    );
  }

  private async decode(sentences: readonly string[]): Promise<AisReport> {
    try {
      return await decodeAisReport(sentences);
    } catch (error) {
      if (error instanceof AisDecodingError) throw new PoisonMessageError(error.message);
      throw error;
    }
  }

  private instant(receivedAt: string): string {
    try {
      return instantOf(receivedAt);
    } catch (error) {
      throw new PoisonMessageError((error as Error).message);
    }
  }

  private async record(
    manager: EntityManager,
    input: VoyageEventInput,
    sentences: readonly string[],
  ): Promise<void> {
    const record = await this.submit(input);
    await manager.query(
      `INSERT INTO recorded_voyage_event (imo_number, at, kind, area_id, tx_id, evidence_sha256, sentences)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        input.imoNumber,
        input.at,
        input.kind,
        input.area.areaId,
        record.txId,
        input.evidenceSha256,
        sentences,
      ],
    );
    this.logger.log(
      { imoNumber: input.imoNumber, kind: input.kind, area: input.area.areaId, txId: record.txId },
      'voyage event on the ledger',
    );
  }

  /** Records the event, or finds the one an earlier delivery recorded. */
  private async submit(input: VoyageEventInput): Promise<VoyageEventRecord> {
    try {
      const committed = await this.gateway.submit({
        contract: VOYAGES_CONTRACT,
        transaction: VoyagesTransaction.recordVoyageEvent,
        args: [JSON.stringify(input)],
      });
      return JSON.parse(committed.result) as VoyageEventRecord;
    } catch (error) {
      if (!(error instanceof LedgerRefusalError)) throw error;
      if (error.code !== LedgerErrorCode.alreadyExists) {
        // The ledger will never take this report's event (a time after the transaction's, say).
        throw new PoisonMessageError(`voyage event refused by the ledger: ${error.message}`);
      }
      const recorded = JSON.parse(
        await this.gateway.evaluate({
          contract: VOYAGES_CONTRACT,
          transaction: VoyagesTransaction.readVoyageEvents,
          args: [input.imoNumber],
        }),
      ) as VoyageEventRecord[];
      const same = recorded.find(
        (e) => e.at === input.at && e.kind === input.kind && e.area.areaId === input.area.areaId,
      );
      if (same === undefined) throw error;
      return same;
    }
  }
}
