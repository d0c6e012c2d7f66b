import { STANDARD_NAMESPACES } from '../event-hash/namespaces';
import { cbvValue } from './cbv-value';

describe('cbvValue', () => {
  it.each([
    ['shipping', 'BizStep', 'https://ref.gs1.org/cbv/BizStep-shipping'],
    [' shipping ', 'BizStep', 'https://ref.gs1.org/cbv/BizStep-shipping'],
    ['urn:epcglobal:cbv:bizstep:shipping', 'BizStep', 'https://ref.gs1.org/cbv/BizStep-shipping'],
    ['cbv:BizStep-shipping', 'BizStep', 'https://ref.gs1.org/cbv/BizStep-shipping'],
    [
      'https://ref.gs1.org/cbv/BizStep-shipping',
      'BizStep',
      'https://ref.gs1.org/cbv/BizStep-shipping',
    ],
    ['in_transit', 'Disp', 'https://ref.gs1.org/cbv/Disp-in_transit'],
    ['urn:epcglobal:cbv:disp:in_transit', 'Disp', 'https://ref.gs1.org/cbv/Disp-in_transit'],
    ['urn:epcglobal:cbv:btt:po', 'BTT', 'https://ref.gs1.org/cbv/BTT-po'],
    ['owning_party', 'SDT', 'https://ref.gs1.org/cbv/SDT-owning_party'],
    ['Temperature', 'gs1', 'https://gs1.org/voc/Temperature'],
  ] as const)('%s (%s) is %s', (text, vocabulary, uri) => {
    expect(cbvValue(text, vocabulary)).toBe(uri);
  });

  it("keeps a user's own vocabulary as written", () => {
    expect(cbvValue('https://example.com/steps/washing', 'BizStep')).toBe(
      'https://example.com/steps/washing',
    );
  });

  it('expands compact IRIs with the prefixes it is given', () => {
    const namespaces = new Map([...STANDARD_NAMESPACES, ['ex', 'https://example.com/steps/']]);
    expect(cbvValue('ex:washing', 'BizStep', namespaces)).toBe('https://example.com/steps/washing');
  });
});
