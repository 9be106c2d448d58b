/**
 * Debounced autosave of the definition (SPEC §7: nothing older than a second is lost). A change
 * schedules a write `delayMs` later; changes meanwhile are folded into that one write, and the
 * definition is serialized only when it is written, so a burst of edits serializes once.
 *
 * Writes never overlap: a change made while a write is running is written after it. Failures go to
 * `onError` (StorageFullError: the UI says "storage is full, save a file"); nothing is ever thrown
 * into the code that reported the change.
 */
export class AutosaveScheduler {
  private getJson: (() => string) | null = null;
  /** When the oldest unwritten change was made (Date.now()). */
  private changedAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  private disposed = false;

  constructor(
    private readonly write: (json: string) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 250,
  ) {}

  /** True while a change waits to be written (scheduled, or behind a write in progress). */
  get pending(): boolean {
    return this.getJson !== null;
  }

  /** Notes a change: the latest `getJson` is called and written at most `delayMs` from the first unsaved change. A no-op after dispose. */
  schedule(getJson: () => string): void {
    if (this.disposed) return;
    if (this.getJson === null) this.changedAt = Date.now();
    this.getJson = getJson;
    if (this.timer === null && this.writing === null) this.startTimer(this.delayMs);
  }

  /** Writes the pending change now (on `pagehide`, before closing a workspace); resolves once everything scheduled so far is written or has failed. */
  async flush(): Promise<void> {
    while (this.writing !== null || this.getJson !== null) {
      if (this.writing !== null) await this.writing;
      else await this.run();
    }
  }

  /** Stops: a waiting change is dropped (flush first to keep it); a write in progress finishes. */
  dispose(): void {
    this.disposed = true;
    this.getJson = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private startTimer(delayMs: number): void {
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  private run(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const getJson = this.getJson;
    if (getJson === null || this.writing !== null) return this.writing ?? Promise.resolve();
    this.getJson = null;
    this.writing = this.writeNow(getJson).finally(() => {
      this.writing = null;
      // A change made during the write is written `delayMs` after it was made, or at once if that has passed.
      if (this.getJson !== null && !this.disposed && this.timer === null) this.startTimer(Math.max(0, this.changedAt + this.delayMs - Date.now()));
    });
    return this.writing;
  }

  private async writeNow(getJson: () => string): Promise<void> {
    try {
      await this.write(getJson());
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    try {
      this.onError(error);
    } catch {
      // An error handler that fails has nowhere left to report to; the scheduler keeps working.
    }
  }
}
