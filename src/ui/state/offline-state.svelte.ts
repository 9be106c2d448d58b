/**
 * Working offline (issue #10): registers the service worker the build generates (vite.config.ts)
 * and says whether the app can work without the network — "ready" once a service worker is active
 * (the whole app and its wasm are precached by then) — and whether the browser is offline now.
 * Only in a production build served over http(s) or from localhost; a page opened from file://
 * cannot register one (nor run workers or wasm: the README says how to serve it).
 */
export class OfflineState {
  /** A service worker is active: the app loads with no network. */
  ready = $state(false);
  /** The browser says it is online. */
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

  start(): void {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
    if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .then(() => navigator.serviceWorker.ready)
      .then(() => (this.ready = true))
      // Without a service worker the app works as before, online.
      .catch(() => {});
  }
}
