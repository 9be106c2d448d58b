/**
 * `fflate` as `write-excel-file` sees it in the app (vite.config.ts points that package's
 * `import … from 'fflate'` here): everything as it is, except `zip`, which compresses on the
 * calling thread. fflate's own `zip` starts a Worker from a `blob:` URL for every file over
 * 160 kB, which the page's Content-Security-Policy (`worker-src 'self'`) forbids, so a workbook
 * of more than a few hundred rows would fail to be written. Deflating a few MB here takes tens of
 * milliseconds; the callback still runs asynchronously, as fflate's does.
 */
import { zipSync, type AsyncZipOptions, type AsyncZippable, type FlateCallback } from 'fflate';

export * from 'fflate';

export function zip(data: AsyncZippable, optionsOrCallback: AsyncZipOptions | FlateCallback, callback?: FlateCallback): () => void {
  const done = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
  const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
  if (!done) throw new TypeError('zip needs a callback');
  type Archive = Parameters<FlateCallback>[1];
  queueMicrotask(() => {
    let archive: Archive;
    try {
      archive = zipSync(data, options) as Archive;
    } catch (error) {
      done(error as Parameters<FlateCallback>[0], new Uint8Array(0));
      return;
    }
    done(null, archive);
  });
  return () => {};
}
