export declare const AJV_OPTIONS: {
  allErrors: true;
  verbose: true;
  strict: true;
  strictTypes: false;
  strictRequired: false;
};
export declare function schemaHash(schema: unknown): string;
