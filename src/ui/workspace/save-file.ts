/**
 * Saving in place where the browser supports the File System Access API (Chromium): the first
 * save asks where, later saves of the same workspace write the same file. Elsewhere the save
 * dialog downloads.
 */

interface SaveFilePickerWindow {
  showSaveFilePicker(options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<FileSystemFileHandle>;
}

let lastHandle: { name: string; handle: FileSystemFileHandle } | null = null;

export function canPickSaveFile(): boolean {
  return typeof window !== 'undefined' && 'showSaveFilePicker' in window;
}

/** Writes `blob` to the file picked last time for `suggestedName`, else asks; false when the user cancelled. */
export async function saveToPickedFile(blob: Blob, suggestedName: string): Promise<boolean> {
  let handle = lastHandle?.name === suggestedName ? lastHandle.handle : null;
  if (!handle) {
    try {
      handle = await (window as unknown as SaveFilePickerWindow).showSaveFilePicker({
        suggestedName,
        types: [{ description: 'Tagbook workspace', accept: { 'application/vnd.sqlite3': ['.tagbook'] } }],
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return false;
      throw error;
    }
    lastHandle = { name: suggestedName, handle };
  }
  const writable = await handle.createWritable();
  await writable.write(blob);
  await writable.close();
  return true;
}
