import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  // Every component in runes mode, also those that use no rune: in legacy mode a keyed `{#each}`
  // treats its items as changed whenever the list is replaced, so every cell re-rendered (notes
  // re-parsed their markdown) on each threshold step.
  compilerOptions: { runes: true },
};
