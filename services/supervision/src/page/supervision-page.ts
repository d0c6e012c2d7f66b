import { MonitorFindings } from '../monitors/compliance-monitors';
import { FsmaRequestView } from '../fsma/fsma-requests';
import { Language, PAGE_TEXT, PageText } from './page-text';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;min-width:40rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0}
.flag{color:#a00000;font-weight:700}
.count{font-weight:700}
a{color:#0645ad}
`;

type Cell = string | { text: string; flagged: boolean };

function table(
  id: string,
  heading: string,
  none: string,
  columns: string[],
  rows: Cell[][],
): string {
  const title = `<h2 id="${id}">${escapeHtml(heading)} <span class="count" data-count="${rows.length}">(${rows.length})</span></h2>`;
  if (rows.length === 0)
    return `<section aria-labelledby="${id}">${title}<p>${escapeHtml(none)}</p></section>`;
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell) =>
            typeof cell === 'string'
              ? `<td>${escapeHtml(cell)}</td>`
              : `<td${cell.flagged ? ' class="flag"' : ''}>${escapeHtml(cell.text)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  // A wide table scrolls inside its own region (reachable by keyboard), never the page.
  return `<section aria-labelledby="${id}">${title}<div class="scroll" role="region" tabindex="0" aria-labelledby="${id}"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></section>`;
}

const celsius = (value: number) => `${value} °C`;

function requestRows(requests: readonly FsmaRequestView[], text: PageText): Cell[][] {
  return requests.map((r) => [
    r.organisation,
    `${r.gtin} / ${r.lot}`,
    r.requestedAt,
    r.respondBy,
    { text: text.standings[r.standing], flagged: r.flagged },
  ]);
}

/**
 * The regulator's page: FSMA 204 requests with their deadlines, and what
 * each monitor finds. No script, nothing fetched from elsewhere, every
 * value escaped; readable on a phone (wide tables scroll in place).
 */
export function supervisionPage(
  findings: MonitorFindings,
  requests: readonly FsmaRequestView[],
  language: Language,
): string {
  const text = PAGE_TEXT[language];
  const sections = [
    table(
      'fsma',
      text.fsma,
      text.fsmaNone,
      [text.organisation, text.lot, text.requested, text.due, text.standing],
      requestRows(requests, text),
    ),
    table(
      'cold-chain',
      text.coldChain,
      text.coldChainNone,
      [text.organisation, text.product, text.reading, text.range, text.readAt],
      findings.coldChainBreaches.map((b) => [
        b.organisation,
        `${b.gtin}: ${b.identifiers.join(', ')}`,
        { text: celsius(b.readingCelsius), flagged: true },
        `${celsius(b.minCelsius)} – ${celsius(b.maxCelsius)}`,
        b.readAt,
      ]),
    ),
    table(
      'claims',
      text.claims,
      text.claimsNone,
      [text.organisation, text.claim, text.clock, text.due, text.daysPast],
      findings.claimsPastTimeBar.map((c) => [
        c.insurerMsp,
        `${c.claimId} (${c.status})`,
        c.clock,
        c.deadline,
        { text: String(c.daysPast), flagged: true },
      ]),
    ),
    table(
      'surrenders',
      text.surrenders,
      text.surrendersNone,
      [text.organisation, text.document, text.surrendered],
      findings.surrenderedWithoutDelivery.map((s) => [
        s.platform,
        s.transportDocumentReference,
        s.surrenderedAt,
      ]),
    ),
    table(
      'shipments',
      text.shipments,
      text.shipmentsNone,
      [text.organisation, text.identifier, text.shipped],
      findings.shipmentsNotReceived.map((s) => [s.organisation, s.identifier, s.shippedAt]),
    ),
    table(
      'anchoring',
      text.anchoring,
      text.anchoringNone,
      [text.organisation, text.anchored, text.maxLag, text.pending, text.oldestPending],
      findings.anchoringLag.map((l) => [
        l.organisation,
        String(l.anchored),
        String(Math.round(l.maxLagSeconds)),
        String(l.pending),
        String(Math.round(l.oldestPendingSeconds)),
      ]),
    ),
  ];
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
<p>${escapeHtml(text.asOf)} <time datetime="${escapeHtml(findings.at)}">${escapeHtml(findings.at)}</time> · <a href="?lang=${text.other.lang}" lang="${PAGE_TEXT[text.other.lang].htmlLang}" hreflang="${PAGE_TEXT[text.other.lang].htmlLang}">${escapeHtml(text.other.label)}</a></p>
${sections.join('\n')}
</main></body></html>
`;
}
