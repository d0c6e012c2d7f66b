import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { blockHeaderBytes } from './block-header';

/** Who signed something on the ledger: the MSP it names and the certificate it presents. */
export interface SignerIdentity {
  mspId: string;
  certificatePem: string;
}

/** One signature and the exact bytes it covers. */
export interface SignedBytes {
  signer: SignerIdentity;
  signed: Buffer;
  signature: Buffer;
}

export interface DecodedBlock {
  number: bigint;
  previousHash: Buffer;
  dataHash: Buffer;
  envelopes: Buffer[];
  /** The orderers' signatures over metadata value, signature header and header bytes. */
  signatures: SignedBytes[];
  /** Signatures in a form this verifier does not read (BFT identifier headers): never counted. */
  unreadableSignatures: number;
  /** Block number of the configuration in force (LAST_CONFIG, carried in the signatures' metadata). */
  lastConfig: bigint;
  /** One validation code per envelope, 0 is VALID. */
  validationCodes: number[];
}

export interface LedgerWrite {
  namespace: string;
  key: string;
  value: Buffer;
  isDelete: boolean;
}

export interface DecodedTransaction {
  txId: string;
  channel: string;
  /** The proposal's time, as the client put it in the channel header (ISO 8601). */
  timestamp: string;
  headerType: number;
  /** The client's signature over the envelope payload. */
  creator: SignedBytes;
  /** Chaincode and function invoked, e.g. `pujiang` and `Claims:act`. */
  chaincode: string;
  functionName: string;
  endorsements: SignedBytes[];
  writes: LedgerWrite[];
}

export interface MspDefinition {
  mspId: string;
  /** Where the channel configuration lists it: an application or an orderer organisation. */
  role: 'application' | 'orderer';
  rootCerts: string[];
  intermediateCerts: string[];
  admins: string[];
}

const SIGNATURES = common.BlockMetadataIndex.SIGNATURES;
const TRANSACTIONS_FILTER = common.BlockMetadataIndex.TRANSACTIONS_FILTER;

export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  const block = common.Block.deserializeBinary(bytes);
  const header = required(block.getHeader(), 'block header');
  const metadata = required(block.getMetadata(), 'block metadata').getMetadataList_asU8();
  const signaturesMetadata = common.Metadata.deserializeBinary(
    required(metadata[SIGNATURES], 'signatures metadata'),
  );
  const value = Buffer.from(signaturesMetadata.getValue_asU8());
  const lastConfig = common.OrdererBlockMetadata.deserializeBinary(value).getLastConfig();
  const signatures: SignedBytes[] = [];
  let unreadableSignatures = 0;
  const headerFields = {
    number: BigInt(header.getNumber()),
    previousHash: Buffer.from(header.getPreviousHash_asU8()),
    dataHash: Buffer.from(header.getDataHash_asU8()),
  };
  for (const entry of signaturesMetadata.getSignaturesList()) {
    const signatureHeader = entry.getSignatureHeader_asU8();
    if (signatureHeader.length === 0) {
      unreadableSignatures++;
      continue;
    }
    signatures.push({
      signer: identityOf(
        common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8(),
      ),
      signed: Buffer.concat([value, Buffer.from(signatureHeader), headerBytesOf(headerFields)]),
      signature: Buffer.from(entry.getSignature_asU8()),
    });
  }
  return {
    ...headerFields,
    envelopes: required(block.getData(), 'block data')
      .getDataList_asU8()
      .map((e) => Buffer.from(e)),
    signatures,
    unreadableSignatures,
    lastConfig: BigInt(lastConfig?.getIndex() ?? 0),
    validationCodes: [...(metadata[TRANSACTIONS_FILTER] ?? new Uint8Array())],
  };
}

function headerBytesOf(h: { number: bigint; previousHash: Buffer; dataHash: Buffer }): Buffer {
  return blockHeaderBytes(h.number, h.previousHash, h.dataHash);
}

/** A transaction envelope: its header, its creator's signature, and for a chaincode call its endorsements and writes. */
export function decodeTransaction(envelopeBytes: Uint8Array): DecodedTransaction {
  const envelope = common.Envelope.deserializeBinary(envelopeBytes);
  const payloadBytes = Buffer.from(envelope.getPayload_asU8());
  const payload = common.Payload.deserializeBinary(payloadBytes);
  const header = required(payload.getHeader(), 'payload header');
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const signatureHeader = common.SignatureHeader.deserializeBinary(
    header.getSignatureHeader_asU8(),
  );
  const timestamp = channelHeader.getTimestamp();
  const decoded: DecodedTransaction = {
    txId: channelHeader.getTxId(),
    channel: channelHeader.getChannelId(),
    timestamp:
      timestamp === undefined
        ? ''
        : new Date(
            timestamp.getSeconds() * 1000 + Math.floor(timestamp.getNanos() / 1e6),
          ).toISOString(),
    headerType: channelHeader.getType(),
    creator: {
      signer: identityOf(signatureHeader.getCreator_asU8()),
      signed: payloadBytes,
      signature: Buffer.from(envelope.getSignature_asU8()),
    },
    chaincode: '',
    functionName: '',
    endorsements: [],
    writes: [],
  };
  if (decoded.headerType !== common.HeaderType.ENDORSER_TRANSACTION) return decoded;
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  for (const action of transaction.getActionsList()) {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const endorsed = required(actionPayload.getAction(), 'endorsed action');
    const responsePayload = Buffer.from(endorsed.getProposalResponsePayload_asU8());
    for (const endorsement of endorsed.getEndorsementsList()) {
      const endorser = Buffer.from(endorsement.getEndorser_asU8());
      decoded.endorsements.push({
        signer: identityOf(endorser),
        signed: Buffer.concat([responsePayload, endorser]),
        signature: Buffer.from(endorsement.getSignature_asU8()),
      });
    }
    const input = peer.ChaincodeProposalPayload.deserializeBinary(
      actionPayload.getChaincodeProposalPayload_asU8(),
    ).getInput_asU8();
    const spec = peer.ChaincodeInvocationSpec.deserializeBinary(input).getChaincodeSpec();
    decoded.chaincode = spec?.getChaincodeId()?.getName() ?? '';
    const [functionName] = spec?.getInput()?.getArgsList_asU8() ?? [];
    decoded.functionName =
      functionName === undefined ? '' : Buffer.from(functionName).toString('utf8');
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(
      peer.ProposalResponsePayload.deserializeBinary(responsePayload).getExtension_asU8(),
    );
    const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
    for (const ns of rwset.getNsRwsetList()) {
      const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
      for (const write of kv.getWritesList()) {
        decoded.writes.push({
          namespace: ns.getNamespace(),
          key: write.getKey(),
          value: Buffer.from(write.getValue_asU8()),
          isDelete: write.getIsDelete(),
        });
      }
    }
  }
  return decoded;
}

/** The MSPs of a configuration block's channel configuration, application and orderer organisations. */
export function decodeChannelMsps(configBlockEnvelope: Uint8Array): MspDefinition[] {
  const payload = common.Payload.deserializeBinary(
    common.Envelope.deserializeBinary(configBlockEnvelope).getPayload_asU8(),
  );
  const config = required(
    common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig(),
    'channel configuration',
  );
  const channel = required(config.getChannelGroup(), 'channel group');
  const found: MspDefinition[] = [];
  for (const [groupName, role] of [
    ['Application', 'application'],
    ['Orderer', 'orderer'],
  ] as const) {
    const group = channel.getGroupsMap().get(groupName);
    if (group === undefined) continue;
    group.getGroupsMap().forEach((organisation: common.ConfigGroup) => {
      const value = organisation.getValuesMap().get('MSP');
      if (value === undefined) return;
      const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
      const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
      const pem = (list: Uint8Array[]) => list.map((c) => Buffer.from(c).toString('utf8'));
      found.push({
        mspId: fabric.getName(),
        role,
        rootCerts: pem(fabric.getRootCertsList_asU8()),
        intermediateCerts: pem(fabric.getIntermediateCertsList_asU8()),
        admins: pem(fabric.getAdminsList_asU8()),
      });
    });
  }
  return found;
}

/** The transaction a ProcessedTransaction (qscc GetTransactionByID) holds, and its validation code. */
export function decodeProcessedTransaction(bytes: Uint8Array): {
  envelope: Buffer;
  validationCode: number;
} {
  const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
  const envelope = required(processed.getTransactionenvelope(), 'transaction envelope');
  return {
    envelope: Buffer.from(envelope.serializeBinary()),
    validationCode: processed.getValidationcode(),
  };
}

function identityOf(serialized: Uint8Array): SignerIdentity {
  const identity = msp.SerializedIdentity.deserializeBinary(serialized);
  return {
    mspId: identity.getMspid(),
    certificatePem: Buffer.from(identity.getIdBytes_asU8()).toString('utf8'),
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}
