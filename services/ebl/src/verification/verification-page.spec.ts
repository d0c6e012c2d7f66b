import { verificationPage } from './verification-page';

describe('verification page', () => {
  it('names the issuing carrier the ledger recorded, escaped', () => {
    const page = verificationPage('PJCL0001', {
      status: 'ISSUED',
      carrierCode: 'PJCL',
      carrierName: 'Pujiang <Container> Line',
      imported: false,
    });

    expect(page).toContain(
      'Issued by the carrier <strong>Pujiang &#60;Container&#62; Line, carrier code PJCL</strong>',
    );
  });

  it('names only the code of a carrier this platform’s directory does not know', () => {
    expect(
      verificationPage('X1', { status: 'ISSUED', carrierCode: 'OTHR', imported: false }),
    ).toContain('<strong>carrier code OTHR</strong>');
  });

  it('vouches for no carrier of a document received from another platform', () => {
    const page = verificationPage('X1', { status: 'ISSUED', imported: true });

    expect(page).toContain('this ledger does not vouch for its carrier');
    expect(page).not.toContain('Issued by the carrier');
  });

  it('says so of a document issued here before issuing carriers were recorded', () => {
    const page = verificationPage('X1', { status: 'ISSUED', imported: false });

    expect(page).toContain('before the ledger recorded issuing carriers');
    expect(page).not.toContain('received here by PINT');
  });
});
