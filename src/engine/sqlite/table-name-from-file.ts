/**
 * Returns the table name for a file: its base name without the extension(s) `.csv`, `.tsv`,
 * `.txt`, `.xlsx` (`orders_2024.csv` → `orders_2024`, `C:\data\客户.csv` → `客户`).
 * Names are kept as written (SQL quotes them); an empty result becomes `table`.
 */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.(csv|tsv|txt|tab|psv|dat|xlsx|xls)$/i, '').trim();
  return name || 'table';
}
