/** Defaults of the local server that the CLI shows in its help, in a module that loads nothing else. */
export const DEFAULT_PROJECT_ID = 'crm-local';
