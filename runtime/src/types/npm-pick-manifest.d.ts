// npm-pick-manifest ships no types; this declares the part the runtime calls.
declare module 'npm-pick-manifest' {
  interface PickedManifest {
    version: string;
    [key: string]: unknown;
  }
  interface PickablePackument {
    name: string;
    'dist-tags'?: Record<string, string>;
    versions: Record<string, { version: string; deprecated?: string; [key: string]: unknown }>;
    time?: Record<string, string>;
  }
  interface PickOptions {
    defaultTag?: string;
    before?: string | Date | null;
    nodeVersion?: string;
  }
  function pickManifest(packument: PickablePackument, wanted: string, options?: PickOptions): PickedManifest | null;
  export default pickManifest;
}
