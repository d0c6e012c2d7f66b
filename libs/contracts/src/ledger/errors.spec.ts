import { LedgerErrorCode, ledgerErrorMessage, parseLedgerErrorCode } from './errors';

describe('ledger error codes', () => {
  it('reads back every code it writes, wherever the peer embeds it', () => {
    for (const code of Object.values(LedgerErrorCode)) {
      const wrapped = `10 ABORTED: failed to endorse: chaincode response 500, ${ledgerErrorMessage(code, 'why')}`;
      expect(parseLedgerErrorCode(wrapped)).toBe(code);
    }
  });

  it('ignores upper-case words that are not ledger codes', () => {
    expect(parseLedgerErrorCode('ENDORSEMENT_FAILURE: nope')).toBeUndefined();
  });
});
