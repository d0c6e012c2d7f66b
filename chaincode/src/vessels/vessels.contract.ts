import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import {
  LedgerErrorCode,
  SEAFARER_DETAILS_TRANSIENT_KEY,
  VESSELS_CONTRACT,
  VESSEL_KEYS,
  VesselAction,
  VesselEvent,
  employerCollection,
  masterCertificationAt,
  publicationOf,
  type CrewListRecord,
  type SeafarerCertificateDetails,
  type SeafarerCertificateRecord,
  type VesselRecord,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { refuse } from '../domain/refusal';
import { invokerOf, stampOf } from '../proposal';
import {
  decideCrewList,
  decideSeafarerCertificate,
  decideSeafarerCertificateDetails,
  mustBeShipManager,
} from './domain/crew-rules';
import {
  parseAmendment,
  parseCertificate,
  parseCertificateKind,
  parseClassChange,
  parseCrewList,
  parseHex64,
  parseImo,
  parseInstant,
  parsePartyChange,
  parsePublication,
  parseRegistration,
  parseSeafarerCertificate,
  parseText,
} from './domain/vessel-arguments';
import { VesselChangeRequest, decideChange, decideRegister } from './domain/vessel-rules';

/**
 * The vessel registry and crew certification (issue 21). The rules are in
 * `domain/` and libs/contracts (vessels); this class only reads, writes and
 * emits, after every check, so a refusal writes nothing. The record carries
 * its own history (periods per field and a change log), so the state of a
 * vessel at a past instant is one read (docs/decisions/0032-vessels-and-crew.md).
 */
@Info({ title: VESSELS_CONTRACT, description: 'Registry of vessels, class, certificates and crew' })
export class VesselsContract extends LedgerContract {
  constructor() {
    super(VESSELS_CONTRACT);
  }

  /** A flag state registers under its own flag; `registrationJson` is a VesselRegistration. */
  @Transaction()
  @Returns('string')
  async register(ctx: Context, registrationJson: string): Promise<string> {
    const request = parseRegistration(registrationJson);
    const invoker = invokerOf(ctx);
    const existing = await loadVessel(ctx, request.imoNumber);
    return publish(ctx, decideRegister(request, invoker, stampOf(ctx), existing));
  }

  /** The flag state changes name, gross tonnage or port of registry. */
  @Transaction()
  @Returns('string')
  async amendRegistration(ctx: Context, imoNumber: string, amendmentJson: string): Promise<string> {
    return this.change(ctx, imoNumber, {
      action: VesselAction.amendRegistration,
      amendment: parseAmendment(amendmentJson),
    });
  }

  /** `effectiveFrom`: an ISO instant, or '' for the transaction's time. */
  @Transaction()
  @Returns('string')
  async deregister(ctx: Context, imoNumber: string, effectiveFrom: string): Promise<string> {
    return this.change(ctx, imoNumber, {
      action: VesselAction.deregister,
      ...since(effectiveFrom),
    });
  }

  @Transaction()
  @Returns('string')
  async transferOwnership(ctx: Context, imoNumber: string, changeJson: string): Promise<string> {
    return this.change(ctx, imoNumber, {
      action: VesselAction.transferOwnership,
      change: parsePartyChange(changeJson),
    });
  }

  @Transaction()
  @Returns('string')
  async appointManager(ctx: Context, imoNumber: string, changeJson: string): Promise<string> {
    return this.change(ctx, imoNumber, {
      action: VesselAction.appointManager,
      change: parsePartyChange(changeJson),
    });
  }

  /** `classJson`: `{ action: ASSIGN_CLASS | CONFIRM_CLASS | …, society?, effectiveFrom? }`. */
  @Transaction()
  @Returns('string')
  async changeClass(ctx: Context, imoNumber: string, classJson: string): Promise<string> {
    return this.change(ctx, imoNumber, { action: 'CLASS', change: parseClassChange(classJson) });
  }

  /** `certificateJson`: `{ kind, certificateNumber, documentSha256, validFrom, validUntil }`. */
  @Transaction()
  @Returns('string')
  async recordCertificate(
    ctx: Context,
    imoNumber: string,
    certificateJson: string,
  ): Promise<string> {
    return this.change(ctx, imoNumber, {
      action: VesselAction.recordCertificate,
      certificate: parseCertificate(certificateJson),
    });
  }

  @Transaction()
  @Returns('string')
  async withdrawCertificate(
    ctx: Context,
    imoNumber: string,
    kind: string,
    certificateNumber: string,
    effectiveFrom: string,
  ): Promise<string> {
    return this.change(ctx, imoNumber, {
      action: VesselAction.withdrawCertificate,
      kind: parseCertificateKind(kind),
      certificateNumber: parseText(certificateNumber, 'certificateNumber', 64),
      ...since(effectiveFrom),
    });
  }

  /** Any channel member may read: its peers hold the same state anyway. */
  @Transaction(false)
  @Returns('string')
  async readVessel(ctx: Context, imoNumber: string): Promise<string> {
    const stored = await ctx.stub.getState(vesselKey(ctx, parseImo(imoNumber)));
    if (stored.length === 0)
      refuse(LedgerErrorCode.notFound, `vessel ${imoNumber} is not registered`);
    return Buffer.from(stored).toString('utf8');
  }

  /**
   * First of two steps, endorsed by the employer's peers alone: the details
   * of one seafarer's certificate (names, numbers, salts) come in the
   * transient map under `details` and go only to the employer's private
   * collection. Returns the SeafarerCertificatePublication to record next.
   */
  @Transaction()
  @Returns('string')
  async recordSeafarerCertificateDetails(ctx: Context): Promise<string> {
    const transient = ctx.stub.getTransient().get(SEAFARER_DETAILS_TRANSIENT_KEY);
    if (transient === undefined) {
      refuse(
        LedgerErrorCode.invalidArgument,
        `the transient map has no ${SEAFARER_DETAILS_TRANSIENT_KEY}`,
      );
    }
    const recording = parseSeafarerCertificate(Buffer.from(transient).toString('utf8'));
    const invoker = invokerOf(ctx);
    const details = decideSeafarerCertificateDetails(recording, invoker);
    const attributes = [details.seafarerId, details.certificateRef];
    const key = ctx.stub.createCompositeKey(VESSEL_KEYS.seafarerCertificateDetails, attributes);
    const collection = employerCollection(invoker.mspId);
    if ((await ctx.stub.getPrivateDataHash(collection, key)).length > 0) {
      refuse(
        LedgerErrorCode.alreadyExists,
        `certificate ${details.certificateRef} of seafarer ${details.seafarerId} has its details already`,
      );
    }
    await ctx.stub.putPrivateData(collection, key, Buffer.from(canonicalJson(details)));
    return canonicalJson(publicationOf(details));
  }

  /**
   * Second step, endorsed by every organisation: the public record of the
   * certificate, checked against the details of the first (decideSeafarerCertificate).
   */
  @Transaction()
  @Returns('string')
  async recordSeafarerCertificate(ctx: Context, publicationJson: string): Promise<string> {
    const publication = parsePublication(publicationJson);
    const invoker = invokerOf(ctx);
    const attributes = [publication.seafarerId, publication.certificateRef];
    const key = ctx.stub.createCompositeKey(VESSEL_KEYS.seafarerCertificate, attributes);
    const privateKey = ctx.stub.createCompositeKey(
      VESSEL_KEYS.seafarerCertificateDetails,
      attributes,
    );
    const collection = employerCollection(invoker.mspId);
    const hash = await ctx.stub.getPrivateDataHash(collection, privateKey);
    const record = decideSeafarerCertificate(
      publication,
      invoker,
      stampOf(ctx),
      hash.length === 0 ? undefined : Buffer.from(hash).toString('hex'),
      (await ctx.stub.getState(key)).length > 0,
    );
    const json = canonicalJson(record);
    await ctx.stub.putState(key, Buffer.from(json));
    return json;
  }

  /**
   * The employer's own ship manager reads the details behind a commitment,
   * to open it to an insurer off the ledger. Any other organisation's client
   * is refused by the collection; any other organisation's peer has only the hash.
   */
  @Transaction(false)
  @Returns('string')
  async readSeafarerCertificateDetails(
    ctx: Context,
    seafarerId: string,
    certificateRef: string,
  ): Promise<string> {
    const invoker = invokerOf(ctx);
    mustBeShipManager(invoker);
    const attributes = [
      parseHex64(seafarerId, 'seafarerId'),
      parseText(certificateRef, 'certificateRef', 64),
    ];
    const key = ctx.stub.createCompositeKey(VESSEL_KEYS.seafarerCertificateDetails, attributes);
    const held = await heldDetails(ctx, employerCollection(invoker.mspId), key);
    if (held === undefined) {
      refuse(
        LedgerErrorCode.notFound,
        `no details of certificate ${certificateRef} of seafarer ${seafarerId} on this peer`,
      );
    }
    return canonicalJson(held);
  }

  /** The vessel's manager records a voyage's crew list (pseudonyms and ranks only). */
  @Transaction()
  @Returns('string')
  async recordCrewList(ctx: Context, imoNumber: string, crewListJson: string): Promise<string> {
    const imo = parseImo(imoNumber);
    const recording = parseCrewList(crewListJson);
    const invoker = invokerOf(ctx);
    const key = ctx.stub.createCompositeKey(VESSEL_KEYS.crewList, [imo, recording.voyageId]);
    const existing = await readJson<CrewListRecord>(ctx, key);
    const vessel = await loadVessel(ctx, imo);
    const list = decideCrewList(imo, vessel, recording, invoker, stampOf(ctx), existing);
    const json = canonicalJson(list);
    await ctx.stub.putState(key, Buffer.from(json));
    ctx.stub.setEvent(VesselEvent.crewListRecorded, Buffer.from(json));
    return json;
  }

  @Transaction(false)
  @Returns('string')
  async readCrewList(ctx: Context, imoNumber: string, voyageId: string): Promise<string> {
    const attributes = [parseImo(imoNumber), parseText(voyageId, 'voyageId', 64)];
    const key = ctx.stub.createCompositeKey(VESSEL_KEYS.crewList, attributes);
    const stored = await ctx.stub.getState(key);
    if (stored.length === 0) {
      refuse(LedgerErrorCode.notFound, `no crew list of voyage ${voyageId} of ${imoNumber}`);
    }
    return Buffer.from(stored).toString('utf8');
  }

  /**
   * "Did the master of the vessel hold a valid certificate at `at`?": a
   * MasterCertificateVerdict, from public records only, so any member's peer
   * answers it and no personal field is in it.
   */
  @Transaction(false)
  @Returns('string')
  async verifyMasterCertificate(ctx: Context, imoNumber: string, at: string): Promise<string> {
    const imo = parseImo(imoNumber);
    const instant = parseInstant(at, 'at');
    const lists = await readAll<CrewListRecord>(ctx, VESSEL_KEYS.crewList, [imo]);
    const certificates = new Map<string, SeafarerCertificateRecord[]>();
    for (const list of lists) {
      for (const member of list.crew) {
        if (certificates.has(member.seafarerId)) continue;
        const found = await readAll<SeafarerCertificateRecord>(
          ctx,
          VESSEL_KEYS.seafarerCertificate,
          [member.seafarerId],
        );
        certificates.set(member.seafarerId, found);
      }
    }
    const verdict = masterCertificationAt(imo, instant, lists, (id) => certificates.get(id) ?? []);
    return canonicalJson(verdict);
  }

  private async change(
    ctx: Context,
    rawImo: string,
    request: VesselChangeRequest,
  ): Promise<string> {
    const imo = parseImo(rawImo);
    const invoker = invokerOf(ctx);
    const existing = await loadVessel(ctx, imo);
    return publish(ctx, decideChange(imo, existing, request, invoker, stampOf(ctx)));
  }
}

function since(effectiveFrom: string): { effectiveFrom?: string } {
  return effectiveFrom === ''
    ? {}
    : { effectiveFrom: parseInstant(effectiveFrom, 'effectiveFrom') };
}

function vesselKey(ctx: Context, imoNumber: string): string {
  return ctx.stub.createCompositeKey(VESSEL_KEYS.vessel, [imoNumber]);
}

async function readJson<T>(ctx: Context, key: string): Promise<T | undefined> {
  const stored = await ctx.stub.getState(key);
  return stored.length === 0 ? undefined : (JSON.parse(Buffer.from(stored).toString('utf8')) as T);
}

function loadVessel(ctx: Context, imoNumber: string): Promise<VesselRecord | undefined> {
  return readJson<VesselRecord>(ctx, vesselKey(ctx, imoNumber));
}

/**
 * Fabric's answer on a peer that holds a private value's hash but not the
 * value: a peer outside the collection (or one still reconciling it).
 */
const NOT_HELD = 'private data matching public hash version is not available';

/**
 * The details on a peer of the employer's organisation; undefined on any
 * other, which holds only their hash. The peer refuses that read without
 * recording it, so every peer's endorsement still carries the same reads.
 */
async function heldDetails(
  ctx: Context,
  collection: string,
  key: string,
): Promise<SeafarerCertificateDetails | undefined> {
  let stored: Uint8Array;
  try {
    stored = await ctx.stub.getPrivateData(collection, key);
  } catch (error) {
    if (error instanceof Error && error.message.includes(NOT_HELD)) return undefined;
    throw error;
  }
  return stored.length === 0
    ? undefined
    : (JSON.parse(Buffer.from(stored).toString('utf8')) as SeafarerCertificateDetails);
}

/** Every record under a partial key, in key order (the same on every peer). */
async function readAll<T>(ctx: Context, type: string, attributes: string[]): Promise<T[]> {
  const found: T[] = [];
  for await (const entry of ctx.stub.getStateByPartialCompositeKey(type, attributes)) {
    found.push(JSON.parse(Buffer.from(entry.value).toString('utf8')) as T);
  }
  return found;
}

/** Writes the record and tells listeners with the same canonical bytes. */
async function publish(ctx: Context, record: VesselRecord): Promise<string> {
  const json = canonicalJson(record);
  await ctx.stub.putState(vesselKey(ctx, record.imoNumber), Buffer.from(json));
  ctx.stub.setEvent(VesselEvent.changed, Buffer.from(json));
  return json;
}
