import type { ValidateFunction } from 'ajv/dist/2020.js';
export declare const schemaHash: string;
export declare const validate: ValidateFunction;
export default validate;
