/**
 * Builds .xlsx fixtures in tests with write-excel-file (an independent writer: the importer
 * reads with read-excel-file), so no binary fixture is committed.
 */
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';

export type { Cell, Row };

/** A sheet: its name and rows (a string cell is written as text, a number as a number). */
export interface SheetSpec {
  name: string;
  rows: Row[];
}

export async function makeXlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
  const buffer = await writeXlsxFile(sheets.map((s) => ({ sheet: s.name, data: s.rows }))).toBuffer();
  return new Uint8Array(buffer);
}

/** A date cell holding the wall-clock time given (Excel dates carry no zone). */
export function dateCell(text: string, format = 'yyyy-mm-dd'): Cell {
  return { value: new Date(`${text.replace(' ', 'T')}Z`), format };
}

/** The orders workbook the tests share: Chinese headers, money, ids as text, dates, an empty cell. */
export function ordersSheets(): SheetSpec[] {
  return [
    {
      name: '订单',
      rows: [
        ['订单编号', '客户编号', '金额', '实付金额', '下单时间', '付款日期', '备注'],
        ['2019031234567890123', '00004', '¥1,234.50', 1234.5, dateCell('2024-01-05 10:30:00', 'yyyy-mm-dd hh:mm:ss'), dateCell('2024-01-05'), '首单'],
        ['2019031234567890124', '00005', '¥99.00', 99, dateCell('2024-02-29 23:59:59', 'yyyy-mm-dd hh:mm:ss'), dateCell('2024-02-29'), null],
        ['2019031234567890125', '00123', '¥0.10', 0.1, dateCell('2024-12-31 00:00:01', 'yyyy-mm-dd hh:mm:ss'), dateCell('2024-12-31'), '备注, 含逗号'],
      ],
    },
    {
      name: '退款',
      rows: [
        ['退款单号', '退款金额', '是否完成'],
        ['R0001', 12.5, true],
        ['R0002', -3, false],
      ],
    },
  ];
}

/** The first sheet of ordersSheets() as the CSV a careful export would write. */
export const ORDERS_CSV =
  '订单编号,客户编号,金额,实付金额,下单时间,付款日期,备注\n' +
  '2019031234567890123,00004,"¥1,234.50",1234.5,2024-01-05 10:30:00,2024-01-05,首单\n' +
  '2019031234567890124,00005,¥99.00,99,2024-02-29 23:59:59,2024-02-29,\n' +
  '2019031234567890125,00123,¥0.10,0.1,2024-12-31 00:00:01,2024-12-31,"备注, 含逗号"\n';
