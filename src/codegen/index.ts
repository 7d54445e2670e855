export { generateTypes } from './generate.js';
export { TypeNameError } from './errors.js';
export { rowTypeNameFor, enumTypeName } from './names.js';
