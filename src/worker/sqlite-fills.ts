import { columnLength, quoteIdentifier, startFillTable, type Database, type TableFiller } from '../engine/index.ts';
import type { FillStatus } from './api.ts';
import type { SqlPortMessage } from './table-messages.ts';

/** Rows written per step: about a tenth of a second, so queries and status calls wait little. */
const FILL_ROWS_PER_STEP = 50_000;

/** Waits for the next macrotask, so messages queued for the worker are handled in between. */
export type Yield = () => Promise<void>;

interface TableFill {
  name: string;
  rowCount: number;
  rowsWritten: number;
  /** Null once the table is complete (or its fill failed and the partial table was dropped). */
  filler: TableFiller | null;
}

/**
 * Writes the tables the data worker sends into SQLite, one step at a time with a pause between
 * steps, so the worker keeps answering while a million-row table is being written.
 */
export class SqliteFills {
  private readonly fills = new Map<string, TableFill>();
  private filling: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly pause: Yield,
  ) {}

  /** Starts writing a table (replacing one of the same name) or drops one. */
  receive(message: SqlPortMessage): void {
    this.fills.get(message.name)?.filler?.abort();
    this.fills.delete(message.name);
    if (message.type === 'drop') {
      this.db.run(`DROP TABLE IF EXISTS ${quoteIdentifier(message.name)}`);
      return;
    }
    const rowCount = message.columns.length ? columnLength(message.columns[0]) : 0;
    this.fills.set(message.name, { name: message.name, rowCount, rowsWritten: 0, filler: startFillTable(this.db, message.name, message.columns) });
    this.fillInBackground();
  }

  /** Returns true when `name` is a table sent by the data worker (compared as SQLite compares names). */
  isImported(name: string): boolean {
    const key = foldSqlName(name);
    return [...this.fills.keys()].some((imported) => foldSqlName(imported) === key);
  }

  status(): FillStatus {
    return { tables: [...this.fills.values()].map(({ name, rowCount, rowsWritten }) => ({ name, rowCount, rowsWritten })) };
  }

  /** Resolves when every table received so far is written (tables arriving meanwhile included). */
  async whenFilled(): Promise<void> {
    while (this.filling) await this.filling;
  }

  private fillInBackground(): void {
    if (this.filling) return;
    this.filling = (async () => {
      for (;;) {
        const next = [...this.fills.values()].find((fill) => fill.filler);
        if (!next?.filler) break;
        try {
          const progress = next.filler.step(FILL_ROWS_PER_STEP);
          next.rowsWritten = progress.rowsWritten;
          if (progress.done) next.filler = null;
        } catch {
          // The filler has dropped the partial table; the status shows it incomplete.
          next.filler = null;
        }
        await this.pause();
      }
      this.filling = null;
    })();
  }
}

/** Returns `name` as SQLite compares identifiers: ASCII letters case-insensitively, all else exactly. */
export function foldSqlName(name: string): string {
  return name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
