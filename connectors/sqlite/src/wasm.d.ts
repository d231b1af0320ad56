/** WebAssembly files the bundler inlines (esbuild's binary loader): their bytes. */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
