// One tab owns a workspace at a time; another tab gets it read-only, and can take over once the owner lets go.
import { afterEach, describe, expect, it } from 'vitest';
import { claimWorkspace, waitForWorkspace, type WorkspaceClaim, type WorkspaceLocks } from '../../../src/ui/persist/tab-lock.ts';

/** The Web Locks API's exclusive locks, as far as tab-lock uses them: `ifAvailable`, `signal`, held until the callback's promise settles. */
class FakeLocks {
  readonly held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();

  async request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown> {
    options.signal?.throwIfAborted();
    if (this.held.has(name)) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>((resolve, reject) => {
        const queue = this.queues.get(name) ?? [];
        this.queues.set(name, queue);
        const grant = () => {
          options.signal?.removeEventListener('abort', abort);
          resolve();
        };
        const abort = () => {
          queue.splice(queue.indexOf(grant), 1);
          reject(options.signal!.reason);
        };
        queue.push(grant);
        options.signal?.addEventListener('abort', abort, { once: true });
      });
    } else {
      this.held.add(name);
    }
    try {
      return await callback({ name, mode: 'exclusive' } as Lock);
    } finally {
      // Handed straight to the next waiter, as the browser does.
      const next = this.queues.get(name)?.shift();
      if (next) next();
      else this.held.delete(name);
    }
  }

  asLocks(): WorkspaceLocks {
    return this as unknown as WorkspaceLocks;
  }
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('claimWorkspace(id, { locks })', () => {
  it('makes the first tab the owner and the second read-only, per workspace', async () => {
    const locks = new FakeLocks().asLocks();
    const first = await claimWorkspace('w1', { locks });
    const second = await claimWorkspace('w1', { locks });
    const other = await claimWorkspace('w2', { locks });
    expect([first.owner, second.owner, other.owner]).toEqual([true, false, true]);
    first.release();
    other.release();
  });

  it('frees the workspace on release, so the next claim owns it', async () => {
    const fake = new FakeLocks();
    const first = await claimWorkspace('w1', { locks: fake.asLocks() });
    expect(fake.held.has('tagbook-workspace:w1')).toBe(true);
    first.release();
    first.release();
    await settled();
    expect(fake.held.size).toBe(0);
    const next = await claimWorkspace('w1', { locks: fake.asLocks() });
    expect(next.owner).toBe(true);
    next.release();
  });

  it("a read-only claim's release is a no-op that frees nothing", async () => {
    const fake = new FakeLocks();
    const owner = await claimWorkspace('w1', { locks: fake.asLocks() });
    const reader = await claimWorkspace('w1', { locks: fake.asLocks() });
    reader.release();
    await settled();
    expect((await claimWorkspace('w1', { locks: fake.asLocks() })).owner).toBe(false);
    owner.release();
  });
});

describe('waitForWorkspace(id, signal, { locks })', () => {
  it('resolves once the owner releases, holding the workspace', async () => {
    const fake = new FakeLocks();
    const owner = await claimWorkspace('w1', { locks: fake.asLocks() });
    let taken: { release(): void } | null = null;
    const waiting = waitForWorkspace('w1', undefined, { locks: fake.asLocks() }).then((claim) => (taken = claim));
    await settled();
    expect(taken).toBeNull();
    owner.release();
    await waiting;
    expect(taken).not.toBeNull();
    expect((await claimWorkspace('w1', { locks: fake.asLocks() })).owner).toBe(false);
    taken!.release();
    await settled();
    expect(fake.held.size).toBe(0);
  });

  it('resolves at once when the workspace is free', async () => {
    const fake = new FakeLocks();
    const claim = await waitForWorkspace('w1', undefined, { locks: fake.asLocks() });
    expect(fake.held.has('tagbook-workspace:w1')).toBe(true);
    claim.release();
  });

  it('rejects with the reason when aborted, and leaves the lock to its owner', async () => {
    const fake = new FakeLocks();
    const owner = await claimWorkspace('w1', { locks: fake.asLocks() });
    const controller = new AbortController();
    const waiting = waitForWorkspace('w1', controller.signal, { locks: fake.asLocks() });
    controller.abort(new Error('closed the dialog'));
    await expect(waiting).rejects.toThrow('closed the dialog');
    owner.release();
    await settled();
    expect(fake.held.size).toBe(0);
    await expect(waitForWorkspace('w1', AbortSignal.abort(new Error('already')), { locks: fake.asLocks() })).rejects.toThrow('already');
  });
});

describe('claimWorkspace(id) without navigator.locks (BroadcastChannel)', () => {
  let channelCount = 0;
  const claims: WorkspaceClaim[] = [];
  const claim = async (id: string, channelName: string) => {
    const c = await claimWorkspace(id, { channelName });
    claims.push(c);
    return c;
  };
  afterEach(() => {
    for (const c of claims.splice(0)) c.release();
  });
  const freshChannel = () => `tagbook-tabs-test-${process.pid}-${channelCount++}`;

  it('makes the first tab the owner and the second read-only, per workspace', async () => {
    const channelName = freshChannel();
    expect((await claim('w1', channelName)).owner).toBe(true);
    expect((await claim('w1', channelName)).owner).toBe(false);
    expect((await claim('w2', channelName)).owner).toBe(true);
  });

  it('lets the next tab own the workspace once the owner releases it', async () => {
    const channelName = freshChannel();
    const owner = await claim('w1', channelName);
    owner.release();
    expect((await claim('w1', channelName)).owner).toBe(true);
  });

  it('gives exactly one of two tabs claiming at the same moment the workspace', async () => {
    for (let i = 0; i < 5; i++) {
      const channelName = freshChannel();
      const both = await Promise.all([claim('w1', channelName), claim('w1', channelName)]);
      expect(both.filter((c) => c.owner)).toHaveLength(1);
    }
  });

  it('waitForWorkspace resolves when the owner releases, and rejects when aborted', async () => {
    const channelName = freshChannel();
    const owner = await claim('w1', channelName);
    const controller = new AbortController();
    const aborted = waitForWorkspace('w1', controller.signal, { channelName });
    const waiting = waitForWorkspace('w1', undefined, { channelName });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    owner.release();
    const taken = await waiting;
    claims.push({ owner: true, release: () => taken.release() });
    expect((await claim('w1', channelName)).owner).toBe(false);
  });
});
