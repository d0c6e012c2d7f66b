import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REGULATOR_MSP_ID } from '../../../libs/contracts/src/ledger';

interface Policy {
  Type: string;
  Rule: string;
}
interface Organisation {
  ID: string;
  Policies: Record<string, Policy>;
  AnchorPeers?: { Host: string; Port: number }[];
}
interface ConfigTx {
  Profiles: {
    PujiangChannel: {
      Application: {
        Organizations: Organisation[];
        Policies: Record<string, Policy>;
        ACLs?: Record<string, string>;
      };
    };
  };
}

// The local channel's genesis configuration, as configtxgen reads it (anchors and merges resolved).
const configtx = parse(readFileSync(join(__dirname, 'config', 'configtx.yaml'), 'utf8'), {
  merge: true,
}) as ConfigTx;
const application = configtx.Profiles.PujiangChannel.Application;
const regulator = application.Organizations.find((o) => o.ID === REGULATOR_MSP_ID);

describe('the channel gives the regulator read rights only (decision 0035)', () => {
  it('has the regulator as a member with an anchor peer, reading with its admin, peer and clients', () => {
    expect(application.Organizations.map((o) => o.ID)).toEqual([
      'Org1MSP',
      'Org2MSP',
      REGULATOR_MSP_ID,
    ]);
    expect(regulator?.AnchorPeers).toEqual([{ Host: '127.0.0.1', Port: 11051 }]);
    expect(regulator?.Policies.Readers?.Rule).toBe(
      "OR('RegulatorMSP.admin', 'RegulatorMSP.peer', 'RegulatorMSP.client')",
    );
  });

  it('lets no client of the regulator send a transaction: Writers is its admin alone', () => {
    expect(regulator?.Policies.Writers).toEqual({
      Type: 'Signature',
      Rule: "OR('RegulatorMSP.admin')",
    });
  });

  it.each(['Endorsement', 'LifecycleEndorsement', 'Admins'])(
    'names the two trading organisations in the application %s policy, never the regulator (no MAJORITY of three)',
    (name) => {
      const policy = application.Policies[name];
      expect(policy?.Type).toBe('Signature');
      expect(policy?.Rule).toMatch(/^AND\('Org1MSP\.(peer|admin)', 'Org2MSP\.(peer|admin)'\)$/);
      expect(policy?.Rule).not.toContain(REGULATOR_MSP_ID);
    },
  );

  it('lets a reader evaluate: a proposal needs Readers, a transaction still Writers', () => {
    expect(application.ACLs).toEqual({ 'peer/Propose': '/Channel/Application/Readers' });
    expect(application.Policies.Writers).toEqual({ Type: 'ImplicitMeta', Rule: 'ANY Writers' });
  });
});
