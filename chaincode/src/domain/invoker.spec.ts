import { invokerFrom, parseClientSubject } from './invoker';

const ISSUER = '/C=US/ST=California/L=San Francisco/O=org1.pujiang.test/CN=ca.org1.pujiang.test';
const USER = `x509::/C=US/ST=California/L=San Francisco/OU=client/CN=User1@org1.pujiang.test::${ISSUER}`;

describe('invoker', () => {
  it('reads the subject of a cryptogen client id', () => {
    expect(parseClientSubject(USER)).toEqual([
      { type: 'C', value: 'US' },
      { type: 'ST', value: 'California' },
      { type: 'L', value: 'San Francisco' },
      { type: 'OU', value: 'client' },
      { type: 'CN', value: 'User1@org1.pujiang.test' },
    ]);
  });

  it('names a client by MSP and CN, not as an admin', () => {
    expect(invokerFrom('Org1MSP', USER)).toEqual({
      mspId: 'Org1MSP',
      party: 'Org1MSP::User1@org1.pujiang.test',
      isAdmin: false,
    });
  });

  it('recognises an admin among several OUs (Fabric CA adds affiliation OUs)', () => {
    const id = `x509::/OU=org1/OU=admin/OU=department1/CN=Admin@org1.pujiang.test::${ISSUER}`;
    expect(invokerFrom('Org1MSP', id).isAdmin).toBe(true);
  });

  it.each([
    [
      'an escaped slash that would smuggle in an OU',
      `x509::/OU=client/CN=a\\/b/OU=admin::${ISSUER}`,
    ],
    ['a name containing ::', `x509::/CN=a::b::${ISSUER}`],
    ['no x509 prefix', 'idemix::Org1MSP::client'],
    ['an attribute without a value', `x509::/OU/CN=a::${ISSUER}`],
  ])('does not guess at %s', (_case, id) => {
    expect(parseClientSubject(id)).toBeUndefined();
    expect(() => invokerFrom('Org1MSP', id)).toThrow(/^FORBIDDEN: /);
  });

  it('refuses a CN that cannot be written as a ledger party', () => {
    const id = `x509::/CN= padded ::${ISSUER}`;
    expect(() => invokerFrom('Org1MSP', id)).toThrow('FORBIDDEN: the invoking identity has a CN');
  });
});
