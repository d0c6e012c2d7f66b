import { destinationProblem } from './webhook-destination';

describe('a webhook destination', () => {
  it.each([
    'https://client.example.com/queryCallback',
    'http://client.example.com:8080/cb?x=1',
    'https://203.0.113.7/cb',
    'https://[2001:db8::1]/cb',
  ])('accepts %s', (dest) => {
    expect(destinationProblem(dest, false)).toBeUndefined();
  });

  it.each([
    ['ftp://example.com/x', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['/relative', /absolute URL/],
    ['https://user:secret@example.com/x', /credentials/],
    ['https://example.com/x#frag', /fragment/],
    [`https://example.com/${'a'.repeat(2100)}`, /at most/],
  ])('refuses %s', (dest, reason) => {
    expect(destinationProblem(dest, true)).toMatch(reason);
  });

  it.each([
    'http://localhost:8080/',
    'http://api.localhost/',
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
  ])('refuses the internal address %s unless the operator allows them', (dest) => {
    expect(destinationProblem(dest, false)).toMatch(/must not name/);
    expect(destinationProblem(dest, true)).toBeUndefined();
  });
});
