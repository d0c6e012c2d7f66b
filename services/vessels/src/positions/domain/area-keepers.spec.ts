import { AREA_KEEPER, areaKeeperRefusal, tradingLimitsRefusal } from './area-keepers';

describe('Area register: who keeps which areas', () => {
  it.each([
    ['TRADING_LIMITS', ['vessels:insurer']],
    ['PORT', ['vessels:insurer']],
    ['WAR_RISK', ['vessels:war-risk-lists']],
  ] as const)('lets the keeper of %s areas keep them', (kind, roles) => {
    expect(areaKeeperRefusal(kind, roles)).toBeUndefined();
  });

  it.each([
    ['WAR_RISK', ['vessels:insurer'], 'WAR_RISK areas are kept by war-risk-lists'],
    ['TRADING_LIMITS', ['vessels:war-risk-lists'], 'TRADING_LIMITS areas are kept by insurer'],
    ['PORT', ['vessels:owner', 'vessels:manager'], 'PORT areas are kept by insurer'],
    [
      'WAR_RISK',
      ['vessels:flag-state', 'vessels:class-society'],
      'WAR_RISK areas are kept by war-risk-lists',
    ],
  ] as const)('refuses %s areas to %j', (kind, roles, why) => {
    expect(areaKeeperRefusal(kind, roles)).toBe(why);
  });

  it('names one keeper for every kind of area', () => {
    expect(Object.keys(AREA_KEEPER).sort()).toEqual(['PORT', 'TRADING_LIMITS', 'WAR_RISK']);
  });

  it('sets only TRADING_LIMITS areas as a vessel’s trading limits', () => {
    expect(
      tradingLimitsRefusal([
        { areaId: 'IWL-NORTH-EUROPE', kind: 'TRADING_LIMITS' },
        { areaId: 'IWL-BALTIC', kind: 'TRADING_LIMITS' },
      ]),
    ).toBeUndefined();
    expect(
      tradingLimitsRefusal([
        { areaId: 'IWL-NORTH-EUROPE', kind: 'TRADING_LIMITS' },
        { areaId: 'JWC-GULF-OF-ADEN', kind: 'WAR_RISK' },
      ]),
    ).toBe('area JWC-GULF-OF-ADEN is WAR_RISK, not TRADING_LIMITS');
  });
});
