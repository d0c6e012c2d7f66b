import { canSeeClaim, canSeePolicy, claimCapacities, type ClaimViewer } from './claim-access';

const claim = { insurerMsp: 'InsurerAMSP', claimant: 'acme-foods', surveyor: 'sgs-shanghai' };
const unassigned = { insurerMsp: 'InsurerAMSP', claimant: 'acme-foods' };

const viewer = (party: string, organisation: string, ...roles: string[]): ClaimViewer => ({
  party,
  organisation,
  roles,
});

describe('who sees a claim', () => {
  it.each<[string, ClaimViewer, typeof claim | typeof unassigned, boolean]>([
    [
      'the insurer under whose policy it is',
      viewer('adjuster-1', 'InsurerAMSP', 'claims:insurer'),
      claim,
      true,
    ],
    ['another insurer', viewer('adjuster-9', 'InsurerBMSP', 'claims:insurer'), claim, false],
    [
      'a member of the insurer organisation without the role',
      viewer('clerk', 'InsurerAMSP', 'ebl:trader'),
      claim,
      false,
    ],
    ['the claimant', viewer('acme-foods', 'TraderMSP', 'claims:claimant'), claim, true],
    ['another claimant', viewer('other-foods', 'TraderMSP', 'claims:claimant'), claim, false],
    [
      'the claimant party without the role',
      viewer('acme-foods', 'TraderMSP', 'ebl:trader'),
      claim,
      false,
    ],
    ['the assigned surveyor', viewer('sgs-shanghai', 'SurveyMSP', 'claims:surveyor'), claim, true],
    ['another surveyor', viewer('bv-ningbo', 'SurveyMSP', 'claims:surveyor'), claim, false],
    [
      'a surveyor before anyone is assigned',
      viewer('sgs-shanghai', 'SurveyMSP', 'claims:surveyor'),
      unassigned,
      false,
    ],
    [
      'the surveyor party holding only the claimant role',
      viewer('sgs-shanghai', 'SurveyMSP', 'claims:claimant'),
      claim,
      false,
    ],
    ['a party with no roles', viewer('acme-foods', 'InsurerAMSP'), claim, false],
    [
      'an insurer whose party id equals the claimant',
      viewer('acme-foods', 'InsurerBMSP', 'claims:insurer'),
      claim,
      false,
    ],
  ])('%s: %s', (_who, who, target, visible) => {
    expect(canSeeClaim(who, target)).toBe(visible);
  });

  it('names every capacity a viewer holds', () => {
    const selfInsured = {
      insurerMsp: 'CaptiveMSP',
      claimant: 'captive-ops',
      surveyor: 'captive-ops',
    };
    const who = viewer(
      'captive-ops',
      'CaptiveMSP',
      'claims:insurer',
      'claims:claimant',
      'claims:surveyor',
    );
    expect(claimCapacities(who, selfInsured)).toEqual(['INSURER', 'CLAIMANT', 'SURVEYOR']);
  });

  it('shows policies only to their insurer', () => {
    const policy = { insurerMsp: 'InsurerAMSP' };
    expect(canSeePolicy(viewer('a', 'InsurerAMSP', 'claims:insurer'), policy)).toBe(true);
    expect(canSeePolicy(viewer('a', 'InsurerBMSP', 'claims:insurer'), policy)).toBe(false);
    expect(canSeePolicy(viewer('acme-foods', 'InsurerAMSP', 'claims:claimant'), policy)).toBe(
      false,
    );
  });
});
