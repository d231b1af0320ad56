import { defineProject } from 'vitest/config';

// Each conformance call is a one-step run through the sandbox; on a busy 2-core machine a test
// making a dozen of them can pass vitest's 5 s default. s3rver makes its ListObjectsV2
// continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
export default defineProject({
  test: {
    name: 'connector-aws-s3',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    execArgv: ['--openssl-legacy-provider'],
  },
});
