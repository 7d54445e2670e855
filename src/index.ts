/** The programmatic API of crm-schema: the same pipeline the CLI drives, as plain functions. */
export * from './model/index.js';
export * from './errors.js';
export { VERSION } from './version.js';

// schema/ YAML -> Model (pure) and its file-system edge.
export { loadSchema, readSchemaDir, type LoadResult, type Problem, type SchemaFile } from './loader/index.js';
export { estimateRowBytes } from './model/limits.js';

// Model x Model -> Plan (pure), its gates and renderers.
export { diff } from './diff/index.js';
export * from './plan/index.js';
export { blockedOperations, type Approvals, type BlockedOperation } from './plan/gates.js';
export { renderJson, renderMarkdown, renderText, PLAN_FORMAT_VERSION } from './render/index.js';

// Model -> TypeScript.
export { generateTypes } from './codegen/index.js';

// Talking to Appwrite.
export { Gateway } from './appwrite/gateway.js';
export { introspectDatabase, type Introspection, type UnsettledItem } from './appwrite/introspect.js';
export { executePlan, type ExecutionReport, type ExecutionEvent } from './appwrite/execute.js';
export { runPrecheck } from './appwrite/prechecks.js';
export { resolveTarget, type Target, type TargetFlags } from './appwrite/target.js';

// The embedded local server is its own entry point (`crm-schema/local`), so importing the API does
// not load SQLite and the HTTP stack.

// Versioned migrations: what a data migration's up(ctx) receives.
export type { DataMigrationContext, RowChanges, UpdateEachOptions, Row } from './appwrite/data-context.js';
