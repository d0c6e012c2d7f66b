import { KeyObject, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EvidenceBundle, signBundle } from '@pujiang/evidence';
import { LedgerConfig } from '@pujiang/ledger-client';

/**
 * Signs the bundles this service assembles with its own Fabric identity
 * (FABRIC_CLIENT_CERT/KEY), so what it declares beyond Fabric's signatures
 * is attributable to its organisation (decision 0039).
 */
@Injectable()
export class ProducerIdentity implements OnModuleInit {
  private identity?: { mspId: string; certificatePem: string; privateKey: KeyObject };

  constructor(private readonly config: LedgerConfig) {}

  async onModuleInit(): Promise<void> {
    this.identity = {
      mspId: this.config.FABRIC_MSP_ID,
      certificatePem: await readFile(this.config.FABRIC_CLIENT_CERT, 'utf8'),
      privateKey: createPrivateKey(await readFile(this.config.FABRIC_CLIENT_KEY)),
    };
  }

  sign(bundle: Omit<EvidenceBundle, 'producerSignature'>): EvidenceBundle {
    if (this.identity === undefined) throw new Error('the producer identity is not loaded yet');
    return signBundle(bundle, this.identity);
  }
}
