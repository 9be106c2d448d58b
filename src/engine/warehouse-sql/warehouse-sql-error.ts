/**
 * Why a workspace cannot be exported as SQL: a definition that uses something the export does not
 * write (a feature of the customer table, a formula function in a dialect), or a definition that
 * fails in the app too. `subject` names the cell, metric, tag or role concerned.
 */
export class WarehouseSqlError extends Error {
  readonly subject: string;
  constructor(subject: string, message: string) {
    super(`${subject}: ${message}`);
    this.name = 'WarehouseSqlError';
    this.subject = subject;
  }
}
