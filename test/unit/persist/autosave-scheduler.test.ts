// Autosave writes the latest definition within delayMs of a change, once per burst, and never throws into the editor.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveScheduler } from '../../../src/ui/persist/autosave-scheduler.ts';
import { StorageFullError } from '../../../src/ui/persist/autosave-store.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A write that records what it wrote and settles when told to. */
function slowWrite() {
  const written: string[] = [];
  const pending: (() => void)[] = [];
  const write = vi.fn((json: string) => {
    written.push(json);
    return new Promise<void>((resolve) => pending.push(resolve));
  });
  return { write, written, finish: () => pending.shift()?.() };
}

describe('new AutosaveScheduler(write, onError, delayMs)', () => {
  it('folds 10 changes into one write of the last definition, serialized once', async () => {
    const write = vi.fn(async () => {});
    const scheduler = new AutosaveScheduler(write, () => {});
    const serialize = [...Array(10).keys()].map((i) => vi.fn(() => `json-${i}`));
    for (const getJson of serialize) {
      scheduler.schedule(getJson);
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(write).not.toHaveBeenCalled();
    expect(scheduler.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith('json-9');
    expect(serialize.slice(0, 9).every((f) => f.mock.calls.length === 0)).toBe(true);
    expect(serialize[9]).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
  });

  it('writes at most delayMs after the first change, however often it changes', async () => {
    const write = vi.fn(async () => {});
    const scheduler = new AutosaveScheduler(write, () => {}, 100);
    for (let t = 0; t < 99; t += 10) {
      scheduler.schedule(() => `at-${t}`);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith('at-90');
  });

  it('writes a change made during a write after it, never two writes at once', async () => {
    const { write, written, finish } = slowWrite();
    const scheduler = new AutosaveScheduler(write, () => {}, 100);
    scheduler.schedule(() => 'first');
    await vi.advanceTimersByTimeAsync(100);
    scheduler.schedule(() => 'second');
    await vi.advanceTimersByTimeAsync(500);
    expect(written).toEqual(['first']);
    expect(scheduler.pending).toBe(true);
    finish();
    // The change is already older than delayMs: written at once.
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual(['first', 'second']);
    finish();
  });

  it('does nothing without a change', async () => {
    const write = vi.fn(async () => {});
    const scheduler = new AutosaveScheduler(write, () => {});
    await vi.advanceTimersByTimeAsync(10_000);
    await scheduler.flush();
    expect(write).not.toHaveBeenCalled();
    expect(scheduler.pending).toBe(false);
  });
});

describe('flush()', () => {
  it('writes the waiting change now, and the timer then writes nothing more', async () => {
    const write = vi.fn(async () => {});
    const scheduler = new AutosaveScheduler(write, () => {});
    scheduler.schedule(() => 'now');
    await scheduler.flush();
    expect(write).toHaveBeenCalledWith('now');
    expect(scheduler.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('waits for the write in progress and the change behind it', async () => {
    const { write, written, finish } = slowWrite();
    const scheduler = new AutosaveScheduler(write, () => {});
    scheduler.schedule(() => 'first');
    await vi.advanceTimersByTimeAsync(250);
    scheduler.schedule(() => 'second');
    let flushed = false;
    const flushing = scheduler.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual(['first', 'second']);
    expect(flushed).toBe(false);
    finish();
    await flushing;
    expect(scheduler.pending).toBe(false);
  });
});

describe('errors', () => {
  it('reports a failed write (a full quota) to onError, keeps going, and never rejects', async () => {
    const onError = vi.fn();
    const write = vi.fn().mockRejectedValueOnce(new StorageFullError()).mockResolvedValue(undefined);
    const scheduler = new AutosaveScheduler(write, onError);
    scheduler.schedule(() => 'a');
    await expect(scheduler.flush()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith(expect.any(StorageFullError));
    scheduler.schedule(() => 'b');
    await vi.advanceTimersByTimeAsync(250);
    expect(write).toHaveBeenLastCalledWith('b');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('reports a definition that fails to serialize, and an onError that throws is contained', async () => {
    const write = vi.fn(async () => {});
    const onError = vi.fn(() => {
      throw new Error('handler broke');
    });
    const scheduler = new AutosaveScheduler(write, onError);
    const broken = new Error('cyclic');
    expect(() =>
      scheduler.schedule(() => {
        throw broken;
      }),
    ).not.toThrow();
    await vi.advanceTimersByTimeAsync(250);
    expect(onError).toHaveBeenCalledWith(broken);
    expect(write).not.toHaveBeenCalled();
    await expect(scheduler.flush()).resolves.toBeUndefined();
  });
});

describe('dispose()', () => {
  it('drops the waiting change and ignores later ones', async () => {
    const write = vi.fn(async () => {});
    const scheduler = new AutosaveScheduler(write, () => {});
    scheduler.schedule(() => 'dropped');
    scheduler.dispose();
    scheduler.schedule(() => 'ignored');
    await vi.advanceTimersByTimeAsync(1_000);
    await scheduler.flush();
    expect(write).not.toHaveBeenCalled();
    expect(scheduler.pending).toBe(false);
  });
});
