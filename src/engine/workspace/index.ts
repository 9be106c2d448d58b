/** Workspace definitions and templates (SPEC §7): the versioned JSON format, its reader, migrations, templates and "what changed". */
export {
  DEFINITION_VERSION,
  TEMPLATE_FORMAT,
  WORKSPACE_FORMAT,
  type Definition,
  type GridFilter,
  type WorkspaceView,
  type TemplateDefinition,
  type WorkspaceDefinition,
  type WorkspaceProblem,
} from './workspace-definition.ts';
export { serializeDefinition } from './serialize-definition.ts';
export {
  MAX_DEFINITION_CHARS,
  MAX_PROBLEMS,
  readAnyDefinition,
  readTemplateDefinition,
  readWorkspaceDefinition,
  type ReadDefinitionOptions,
  type ReadResult,
} from './read-definition.ts';
export { applyMigrations, migrateDefinition, MIGRATIONS, type Migration } from './migrate-definition.ts';
export { applyTemplate, toTemplate, type AppliedTemplate, type TemplateColumn } from './templates.ts';
export {
  decodeShareLink,
  encodeShareLink,
  hasShareLink,
  SHARE_FRAGMENT_KEY,
  SHARE_LINK_MAX_BYTES,
  ShareLinkError,
  type ShareLinkErrorCode,
} from './share-link.ts';
export { cellTitle, diffDefinitions, type DefinitionChange } from './diff-definitions.ts';
export { looksPersonal } from './personal-columns.ts';
