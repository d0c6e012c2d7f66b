import { FSMA_COLUMNS } from '@pujiang/standards';
import { SpreadsheetError, checkFsmaSpreadsheet, csvRows } from './fsma-spreadsheet';

const HEADER = FSMA_COLUMNS.join(',');
const ROW =
  'L1,09520123456788,10,KGM,Shipping,2026-12-01,10:00:00,"Hangzhou, DC",a,b,bol,"BL ""1""",urn:uuid:1';

describe('an FSMA 204 spreadsheet answer', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(csvRows('a,"b,c","d""e"\r\n"f\ng",h\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['f\ng', 'h'],
    ]);
  });

  it('counts the records of a spreadsheet with the FSMA columns, also an empty one', () => {
    expect(checkFsmaSpreadsheet(`${HEADER}\r\n${ROW}\r\n${ROW}\r\n`)).toEqual({ records: 2 });
    expect(checkFsmaSpreadsheet(`${HEADER}\r\n`)).toEqual({ records: 0 });
  });

  it('refuses other columns, short rows and an unclosed quote', () => {
    expect(() => checkFsmaSpreadsheet('a,b\r\n')).toThrow(SpreadsheetError);
    expect(() => checkFsmaSpreadsheet(`${HEADER}\r\nL1,only\r\n`)).toThrow(/row 2 has 2 cells/);
    expect(() => checkFsmaSpreadsheet(`${HEADER}\r\n"L1`)).toThrow(/not closed/);
  });
});
