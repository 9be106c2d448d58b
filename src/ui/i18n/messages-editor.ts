/** Strings of the editor (see messages.ts for the rules: `en` defines the keys, zh-CN must match). */
export const enEditor = {
  'editor.placeholder': 'Write SQL — Ctrl+Enter runs',
};

export const zhEditor: Record<keyof typeof enEditor, string> = {
  'editor.placeholder': '编写 SQL — 按 Ctrl+Enter 运行',
};
