import { decodeBase64Content, encodeBase64Content } from './base64-content';

describe('Base64 document content', () => {
  it('decodes canonical Base64 and encodes back to the same text', () => {
    const text = encodeBase64Content(new Uint8Array([104, 105, 33]));
    expect(text).toBe('aGkh');
    expect(decodeBase64Content(text)).toEqual(new Uint8Array([104, 105, 33]));
    expect(decodeBase64Content('aGk=')).toEqual(new Uint8Array([104, 105]));
  });

  it.each(['aGk', 'aG k=', 'aGk!', 'aGk-', 'aGk_'])('refuses %p rather than guess', (text) => {
    expect(decodeBase64Content(text)).toBeUndefined();
  });
});
