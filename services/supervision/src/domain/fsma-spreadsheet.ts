import { FSMA_COLUMNS } from '@pujiang/standards';

export class SpreadsheetError extends Error {}

/** Data rows at most in one answer: a lot's records over a window, not a database dump. */
export const MAX_SPREADSHEET_ROWS = 100_000;

/**
 * The cells of one CSV text (RFC 4180: quoted cells may hold commas, quotes
 * doubled and line breaks); lines end in CRLF or LF.
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new SpreadsheetError('a quoted cell is not closed');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * Checks an organisation's answer is an FSMA 204 sortable spreadsheet (the
 * columns of FSMA_COLUMNS, in order, then rows of as many cells) and
 * returns how many records it holds. An answer with no row is valid: the
 * organisation holds no record of the lot in the window.
 */
export function checkFsmaSpreadsheet(text: string): { records: number } {
  const rows = csvRows(text);
  const header = rows[0];
  if (header === undefined || header.join(',') !== FSMA_COLUMNS.join(',')) {
    throw new SpreadsheetError(
      `the first row must be the FSMA 204 columns: ${FSMA_COLUMNS.join(', ')}`,
    );
  }
  const records = rows.slice(1);
  if (records.length > MAX_SPREADSHEET_ROWS) {
    throw new SpreadsheetError(`at most ${MAX_SPREADSHEET_ROWS} rows`);
  }
  const bad = records.findIndex((row) => row.length !== FSMA_COLUMNS.length);
  if (bad >= 0) {
    throw new SpreadsheetError(
      `row ${bad + 2} has ${records[bad]?.length} cells, not ${FSMA_COLUMNS.length}`,
    );
  }
  return { records: records.length };
}
