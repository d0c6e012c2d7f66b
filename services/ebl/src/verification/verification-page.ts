const STATUS_WORDS: Record<string, string> = {
  ISSUED: 'valid: issued and in circulation',
  TRANSFER_PENDING: 'valid: a transfer is being accepted',
  SURRENDER_FOR_DELIVERY_PENDING: 'surrender for delivery requested',
  SURRENDER_FOR_AMENDMENT_PENDING: 'surrender for amendment requested',
  SURRENDERED: 'surrendered: the goods were delivered against it; no longer valid',
  SURRENDERED_FOR_AMENDMENT: 'surrendered for amendment; no longer valid',
  VOID: 'void: replaced by an amended document',
  EXPORT_PENDING: 'being transferred to another eBL platform',
  EXPORTED: 'transferred to another eBL platform; valid there, not here',
};

/** What the page says about a document, all of it read from the ledger record. */
export interface VerifiedDocument {
  status: string;
  /** The issuing carrier's code, which the chaincode took from the carrier's certificate. */
  carrierCode?: string;
  /** That carrier's name, when this platform's directory knows it. */
  carrierName?: string;
  /** The document came here from another platform by PINT (its first ledger entry is IMPORT). */
  imported: boolean;
}

/** Static HTML, every value escaped; the page never carries scripts. */
export function verificationPage(reference: string, document: VerifiedDocument): string {
  const { status } = document;
  const words = STATUS_WORDS[status] ?? status;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eBL ${escape(reference)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>Electronic bill of lading ${escape(reference)}</h1>
<p>Status on the ledger: <strong>${escape(words)}</strong> (${escape(status)})</p>
${issuedBy(document)}
<p>To check that a copy is this document, POST its JSON to this address:
the answer says whether it matches the SHA-256 checksum the ledger holds.</p>
</body></html>`;
}

/**
 * The issuing carrier as the ledger vouches for it: only a carrier's
 * certificate can issue, and the chaincode recorded its carrier code. A
 * document received from another platform has no such record here.
 */
function issuedBy({ carrierCode, carrierName, imported }: VerifiedDocument): string {
  if (imported) {
    return '<p>Issued on another eBL platform and received here by PINT: this ledger does not vouch for its carrier.</p>';
  }
  if (carrierCode === undefined) {
    return '<p>Issued here before the ledger recorded issuing carriers: it does not name this one.</p>';
  }
  const name = carrierName === undefined ? '' : `${escape(carrierName)}, `;
  return `<p>Issued by the carrier <strong>${name}carrier code ${escape(carrierCode)}</strong>, as the ledger recorded it from the carrier’s certificate.</p>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
