import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withJira } from '../client.js';
import { issueKeyInput, userOf, userSchema } from '../issue.js';

export const addAttachment = defineAction({
  auth,
  key: 'issues.attach',
  title: 'Attach a file to an issue',
  description:
    'Uploads a file to an issue as an attachment (multipart with X-Atlassian-Token: no-check). Content is text or base64; attachments must be enabled on the site and the account needs the Create attachments permission.',
  input: Type.Object({
    issueKey: issueKeyInput,
    filename: Type.String({ minLength: 1, maxLength: 255, description: 'File name, e.g. screenshot.png' }),
    ...uploadFields(),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Id of the attachment' }),
    filename: Type.String({ description: 'File name as stored' }),
    size: Type.Integer({ description: 'Size in bytes' }),
    mimeType: Type.Union([Type.String(), Type.Null()], { description: 'MIME type Jira recorded' }),
    contentUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'Download URL (needs the connection’s credentials)',
    }),
    author: userSchema('Who uploaded it'),
  }),
  examples: [
    {
      title: 'Attach a log excerpt',
      input: { issueKey: 'PROJ-1', filename: 'error.log', content: 'ERROR 500 at /checkout\n' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const attachment = {
        filename: input.filename,
        file: bytesOf(input.content, input.encoding, ctx.actionKey),
        mimeType: input.contentType ?? defaultContentType(input.encoding),
      };
      const stored =
        jira.deployment === 'cloud'
          ? await jira.v3.issueAttachments.addAttachment({ issueIdOrKey: input.issueKey, attachment })
          : await jira.v2.issueAttachments.addAttachment({ issueIdOrKey: input.issueKey, attachment });
      const first = stored[0];
      return {
        id: String(first?.id ?? ''),
        filename: first?.filename ?? input.filename,
        size: first?.size ?? attachment.file.length,
        mimeType: first?.mimeType ?? null,
        contentUrl: first?.content ?? null,
        author: userOf(first?.author),
      };
    });
  },
});
