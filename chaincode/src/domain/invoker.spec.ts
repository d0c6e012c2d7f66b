import { actsAs, invokerFrom, parseClientSubject } from './invoker';

const ISSUER = '/C=US/ST=California/L=San Francisco/O=org1.pujiang.test/CN=ca.org1.pujiang.test';
const USER = `x509::/C=US/ST=California/L=San Francisco/OU=client/CN=User1@org1.pujiang.test::${ISSUER}`;

/** The certificate attributes a Fabric CA wrote, as fabric-shim hands them out. */
const attributes =
  (values: Record<string, string> = {}) =>
  (name: string): string | null =>
    values[name] ?? null;

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

  it('names a client by MSP and CN, with no role', () => {
    expect(invokerFrom('Org1MSP', USER, attributes())).toEqual({
      mspId: 'Org1MSP',
      party: 'Org1MSP::User1@org1.pujiang.test',
    });
  });

  it('gives an admin OU no role: roles come from certificate attributes only', () => {
    const id = `x509::/OU=org1/OU=admin/OU=department1/CN=Admin@org1.pujiang.test::${ISSUER}`;
    expect(invokerFrom('Org1MSP', id, attributes()).role).toBeUndefined();
  });

  it('takes the role its CA wrote into the certificate', () => {
    const invoker = invokerFrom('Org1MSP', USER, attributes({ 'pujiang.role': 'insurer' }));
    expect(invoker.role).toBe('insurer');
    expect(actsAs(invoker, 'insurer', 'Org1MSP')).toBe(true);
    expect(actsAs(invoker, 'insurer', 'Org2MSP')).toBe(false);
    expect(actsAs(invoker, 'platform', 'Org1MSP')).toBe(false);
  });

  it('ignores a role value the chaincode does not know', () => {
    expect(
      invokerFrom('Org1MSP', USER, attributes({ 'pujiang.role': 'admin' })).role,
    ).toBeUndefined();
  });

  it('gives a carrier its carrier code', () => {
    const carrier = attributes({ 'pujiang.role': 'carrier', 'pujiang.carrier': 'PJCL' });
    expect(invokerFrom('Org1MSP', USER, carrier)).toMatchObject({
      role: 'carrier',
      carrierCode: 'PJCL',
    });
  });

  it.each([
    ['no carrier code', {}],
    ['a carrier code DCSA would not accept', { 'pujiang.carrier': 'pjcl/x' }],
  ])('refuses a carrier identity with %s', (_case, extra: Record<string, string>) => {
    const carrier = attributes({ 'pujiang.role': 'carrier', ...extra });
    expect(() => invokerFrom('Org1MSP', USER, carrier)).toThrow(
      'FORBIDDEN: a carrier identity needs a carrier code',
    );
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
    const insurer = attributes({ 'pujiang.role': 'insurer' });
    expect(() => invokerFrom('Org1MSP', id, insurer)).toThrow(/^FORBIDDEN: /);
  });

  it('refuses a CN that cannot be written as a ledger party', () => {
    const id = `x509::/CN= padded ::${ISSUER}`;
    expect(() => invokerFrom('Org1MSP', id, attributes())).toThrow(
      'FORBIDDEN: the invoking identity has a CN',
    );
  });
});
