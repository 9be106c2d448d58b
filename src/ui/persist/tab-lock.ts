/**
 * One tab owns a workspace (SPEC §7: notice a second tab on the same workspace). The owner
 * autosaves; another tab on the same workspace opens it read-only, and may take over once the
 * owner is gone.
 *
 * With the Web Locks API the owner holds the lock `tagbook-workspace:<id>` until it releases it
 * or the tab closes (the browser releases a closed or crashed tab's locks). Without it, tabs ask
 * each other over a BroadcastChannel: a claimer asks "who has <id>?" and owns the workspace when
 * no tab answers within CLAIM_WAIT_MS; the owner answers while it holds it. Two tabs claiming at
 * the same moment settle it by their random tickets: the lower ticket wins.
 */

/** The part of the Web Locks API used here (navigator.locks). */
export type WorkspaceLocks = Pick<LockManager, 'request'>;

export interface ClaimOptions {
  /** Default: `navigator.locks` when the browser has it, else the BroadcastChannel fallback. */
  locks?: WorkspaceLocks;
  /** The fallback's channel name. Default `tagbook-tabs`. */
  channelName?: string;
}

export interface WorkspaceClaim {
  /** True when this tab owns the workspace; false when another tab does (open it read-only). */
  owner: boolean;
  /** Gives the workspace up (a no-op when not the owner, or when called again). */
  release(): void;
}

/** How long the fallback waits for an owner to answer. */
export const CLAIM_WAIT_MS = 150;
/** How often the fallback asks again while waiting for a workspace to be free. */
const WAIT_RETRY_MS = 1000;
const DEFAULT_CHANNEL = 'tagbook-tabs';

type TabMessage = { type: 'who-has'; id: string; ticket: number } | { type: 'has'; id: string; ticket: number } | { type: 'released'; id: string };

const noop = () => {};

/**
 * Claims workspace `id` for this tab without waiting for another tab to let go: resolves
 * `{ owner: true, release }` when it was free, `{ owner: false }` when another tab holds it.
 */
export function claimWorkspace(id: string, options: ClaimOptions = {}): Promise<WorkspaceClaim> {
  const locks = options.locks ?? browserLocks();
  if (locks) return claimWithLocks(locks, id, { ifAvailable: true }) as Promise<WorkspaceClaim>;
  return claimWithChannel(id, options.channelName ?? DEFAULT_CHANNEL);
}

/**
 * Waits until workspace `id` is free and claims it (a read-only tab becomes the owner once the
 * other tab closes). Rejects with the signal's reason when `signal` aborts first.
 */
export async function waitForWorkspace(id: string, signal?: AbortSignal, options: ClaimOptions = {}): Promise<{ release(): void }> {
  signal?.throwIfAborted();
  const locks = options.locks ?? browserLocks();
  if (locks) return (await claimWithLocks(locks, id, signal ? { signal } : {}))!;
  const channelName = options.channelName ?? DEFAULT_CHANNEL;
  for (;;) {
    const claim = await claimWithChannel(id, channelName);
    if (claim.owner) {
      if (!signal?.aborted) return claim;
      claim.release();
    }
    signal?.throwIfAborted();
    await nextChance(id, channelName, signal);
  }
}

function browserLocks(): WorkspaceLocks | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

/** Requests the lock; resolves once it is held (with its release) or, with `ifAvailable`, refused (null). */
function claimWithLocks(locks: WorkspaceLocks, id: string, options: LockOptions): Promise<WorkspaceClaim | null> {
  return new Promise((resolve, reject) => {
    locks
      .request(`tagbook-workspace:${id}`, options, (lock) => {
        if (!lock) {
          resolve({ owner: false, release: noop });
          return undefined;
        }
        // The lock is held until the promise the callback returns settles.
        return new Promise<void>((unlock) => resolve({ owner: true, release: () => unlock() }));
      })
      .catch(reject);
  });
}

function claimWithChannel(id: string, channelName: string): Promise<WorkspaceClaim> {
  const channel = new BroadcastChannel(channelName);
  const ticket = Math.random();
  let claiming = true;
  let released = false;
  const post = (message: TabMessage) => channel.postMessage(message);

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      claiming = false;
      resolve({
        owner: true,
        release: () => {
          if (released) return;
          released = true;
          post({ type: 'released', id });
          channel.close();
        },
      });
    }, CLAIM_WAIT_MS);

    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (message?.id !== id) return;
      if (message.type === 'has' && claiming && message.ticket === ticket) {
        yieldToOwner();
      } else if (message.type === 'who-has') {
        // The owner answers. Of two claimers, the one with the lower ticket wins: it answers the
        // other, which may not have heard it (a channel hears only messages posted after it opened);
        // the other steps back when it hears the lower ticket, and answers nothing.
        if (!claiming || ticket < message.ticket) post({ type: 'has', id, ticket: message.ticket });
        else yieldToOwner();
      }
    };
    function yieldToOwner() {
      claiming = false;
      clearTimeout(timer);
      channel.close();
      resolve({ owner: false, release: noop });
    }
    post({ type: 'who-has', id, ticket });
  });
}

/** Resolves after WAIT_RETRY_MS, or sooner when the owner announces it has released `id`. */
function nextChance(id: string, channelName: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(channelName);
    const done = () => {
      clearTimeout(timer);
      channel.close();
      signal?.removeEventListener('abort', onAbort);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, WAIT_RETRY_MS);
    const onAbort = () => {
      done();
      reject(signal!.reason);
    };
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      if (event.data?.type === 'released' && event.data.id === id) {
        done();
        resolve();
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
