import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { jobInput } from '../build.js';
import { jobPath, withJenkins } from '../client.js';
import { buildRef } from './get-build.js';

export const getBuildLog = defineAction({
  auth,
  key: 'builds.log',
  title: 'Read a build’s console log',
  description:
    'Reads a build’s console output from a byte offset (progressiveText), so a running build’s log can be followed: pass nextStart back as start until moreData is false.',
  input: Type.Object({
    job: jobInput,
    build: buildRef,
    start: Type.Integer({ minimum: 0, default: 0, description: 'Byte offset to read from (0: the beginning)' }),
    maxBytes: Type.Integer({
      minimum: 1,
      maximum: 10 * 1024 * 1024,
      default: 1024 * 1024,
      description: 'Most bytes of log to return (default 1 MiB); the rest is read with nextStart',
    }),
  }),
  output: Type.Object({
    text: Type.String({ description: 'The log text from start' }),
    nextStart: Type.Integer({ description: 'Offset to continue from' }),
    moreData: Type.Boolean({ description: 'Whether more log follows (the build is running, or maxBytes cut it)' }),
  }),
  examples: [{ title: 'Whole log of the last build', input: { job: 'nightly-backup', build: 'lastBuild' } }],
  async run({ input, auth, ctx }) {
    return withJenkins(auth, ctx, async (api) => {
      const response = await api.http.get<Buffer>(`${jobPath(input.job)}/${input.build}/logText/progressiveText`, {
        query: { start: input.start },
        responseType: 'buffer',
        headers: { accept: 'text/plain, */*' },
      });
      const bytes = response.data;
      const cut = bytes.length > input.maxBytes;
      const kept = cut ? bytes.subarray(0, input.maxBytes) : bytes;
      const size = Number.parseInt(response.headers['x-text-size'] ?? '', 10);
      return {
        text: new TextDecoder('utf-8').decode(kept),
        nextStart: cut || Number.isNaN(size) ? input.start + kept.length : size,
        moreData: cut || response.headers['x-more-data'] === 'true',
      };
    });
  },
});
