import { verificationPage } from './verification-page';

describe('verification page', () => {
  it('names the issuing carrier the ledger recorded, escaped', () => {
    const page = verificationPage('PJCL0001', {
      status: 'ISSUED',
      carrierCode: 'PJCL',
      carrierName: 'Pujiang <Container> Line',
    });

    expect(page).toContain(
      'Issued by the carrier <strong>Pujiang &#60;Container&#62; Line, carrier code PJCL</strong>',
    );
  });

  it('names only the code of a carrier this platform’s directory does not know', () => {
    expect(verificationPage('X1', { status: 'ISSUED', carrierCode: 'OTHR' })).toContain(
      '<strong>carrier code OTHR</strong>',
    );
  });

  it('vouches for no carrier of a document received from another platform', () => {
    const page = verificationPage('X1', { status: 'ISSUED' });

    expect(page).toContain('this ledger does not vouch for its carrier');
    expect(page).not.toContain('Issued by the carrier');
  });
});
