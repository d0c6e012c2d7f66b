import { checkSubjectId } from './subject-ids';

describe('checkSubjectId', () => {
  it.each([
    ['claim', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
    ['lot', 'urn:epc:class:lgtin:4012345.012345.LOT-7'],
    ['lot', 'https://id.gs1.org/01/09520123456788/10/ab12cd-A'],
    ['ebl', 'Org1MSP/MXH0123456789'],
  ] as const)('accepts a %s id %s', (kind, id) => {
    expect(checkSubjectId(kind, id)).toBeUndefined();
  });

  it.each([
    ['claim', 'not-a-claim', 'a claim id is a UUID'],
    ['lot', 'urn:epc:id:sgtin:4012345.012345.1', 'a lot id is an LGTIN'],
    ['lot', 'https://id.gs1.org/01/09520123456788/21/serial', 'a lot id is an LGTIN'],
    ['ebl', 'MXH0123456789', 'an eBL id is'],
    ['ebl', 'Org1MSP/../../etc', 'an eBL id is'],
  ] as const)('refuses a %s id %s, saying what one is', (kind, id, reason) => {
    expect(checkSubjectId(kind, id)).toContain(reason);
  });
});
