export { renderText, type TextOptions } from './text.js';
export { renderMarkdown } from './markdown.js';
export { renderJson, PLAN_FORMAT_VERSION } from './json.js';
export { SYMBOL_LEGEND, summaryLine } from './groups.js';
