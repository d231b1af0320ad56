import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { required } from '../answer.js';
import { auth } from '../auth.js';
import { callSlack } from '../client.js';

export const uploadFile = defineAction({
  auth,
  key: 'files.upload',
  title: 'Upload a file',
  description:
    'Uploads text or base64 content as a file and shares it in a channel or thread. Uses Slack’s external upload flow (files.getUploadURLExternal, upload, files.completeUploadExternal).',
  input: Type.Object(
    {
      channel: Type.String({ minLength: 1, description: 'ID of the channel to share the file in' }),
      filename: Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'File name with extension, e.g. "report.csv"; Slack infers the type from it',
      }),
      content: Type.Optional(Type.String({ minLength: 1, description: 'File content as UTF-8 text' })),
      contentBase64: Type.Optional(
        Type.String({
          minLength: 4,
          pattern: '^[A-Za-z0-9+/]+={0,2}$',
          description: 'File content as base64, for binary files; give this or content',
        }),
      ),
      title: Type.Optional(Type.String({ minLength: 1, description: 'Title shown above the file; default filename' })),
      initialComment: Type.Optional(Type.String({ minLength: 1, description: 'Message posted with the file' })),
      threadTs: Type.Optional(
        Type.String({
          pattern: '^\\d+\\.\\d+$',
          description: 'ts of a parent message, to share the file in its thread',
        }),
      ),
    },
    // "Exactly one of content or contentBase64" is checked in run(), not as a oneOf here: the runtime checks
    // a workflow's literal input before the run and leaves templated fields out, so a oneOf that only a
    // templated field satisfies failed every workflow that passes the content as an expression.
    { description: 'Give exactly one of content or contentBase64' },
  ),
  output: Type.Object({
    fileId: Type.String({ description: 'ID of the new file (F…)' }),
    title: Type.Optional(Type.String({ description: 'File title' })),
    name: Type.Optional(Type.String({ description: 'File name' })),
    permalink: Type.Optional(Type.String({ description: 'Link to the file in Slack' })),
  }),
  examples: [
    {
      input: { channel: 'C0123456789', filename: 'report.csv', content: 'id,total\n1,42\n', title: 'Daily report' },
      output: {
        fileId: 'F07ABCDEF12',
        title: 'Daily report',
        name: 'report.csv',
        permalink: 'https://acme.slack.com/files/U012AB3CD/F07ABCDEF12/report.csv',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const file = fileData(input.content, input.contentBase64, ctx.actionKey);
    const answer = await callSlack(auth, ctx, (slack) =>
      slack.filesUploadV2({
        ...(input.threadTs ? { channel_id: input.channel, thread_ts: input.threadTs } : { channel_id: input.channel }),
        file,
        filename: input.filename,
        title: input.title,
        initial_comment: input.initialComment,
      }),
    );
    const completed = required(answer.files[0]?.files?.[0], 'uploaded file', ctx.actionKey);
    return {
      fileId: required(completed.id, 'file id', ctx.actionKey),
      title: completed.title,
      name: completed.name,
      permalink: completed.permalink,
    };
  },
});

function fileData(content: string | undefined, contentBase64: string | undefined, actionKey: string): Buffer {
  if (content !== undefined && contentBase64 === undefined) return Buffer.from(content, 'utf8');
  if (contentBase64 !== undefined && content === undefined) return Buffer.from(contentBase64, 'base64');
  throw new ConnectorError('files.upload needs exactly one of content or contentBase64', {
    kind: 'invalid_input',
    actionKey,
  });
}
