import { anchoringLag } from './anchoring-lag';

const NOW = new Date('2026-12-05T12:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('anchoring lag per organisation', () => {
  it('gives each organisation its longest capture-to-commit and its oldest pending item', () => {
    const lag = anchoringLag(
      [
        { organisation: 'Org2MSP', capturedAt: at(100), anchoredAt: at(97) },
        { organisation: 'Org1MSP', capturedAt: at(60), anchoredAt: at(58) },
        { organisation: 'Org1MSP', capturedAt: at(50), anchoredAt: at(40) },
        { organisation: 'Org1MSP', capturedAt: at(300), anchoredAt: null },
        { organisation: 'Org1MSP', capturedAt: at(30), anchoredAt: null },
      ],
      NOW,
    );

    expect(lag).toEqual([
      {
        organisation: 'Org1MSP',
        anchored: 2,
        maxLagSeconds: 10,
        pending: 2,
        oldestPendingSeconds: 300,
      },
      {
        organisation: 'Org2MSP',
        anchored: 1,
        maxLagSeconds: 3,
        pending: 0,
        oldestPendingSeconds: 0,
      },
    ]);
  });

  it('is empty with nothing captured', () => {
    expect(anchoringLag([], NOW)).toEqual([]);
  });
});
