import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { bytesOf, checkSize, DEFAULT_DOWNLOAD_BYTES, downloadedFields, MAX_DOWNLOAD_BYTES } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withOpenAI } from '../client.js';

const IMAGE = { item: 'image', largeItems: 'ask for a smaller size, a lower quality or jpeg/webp output' };
const FORMATS = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;

export const generateImage = defineAction({
  auth,
  key: 'images.generate',
  title: 'Generate an image',
  description:
    'Creates images from a text prompt (gpt-image-1 or DALL·E 3) and gives them as base64 content, ready to upload to storage or attach to a message.',
  input: Type.Object({
    prompt: Type.String({ minLength: 1, maxLength: 32000, description: 'What to draw' }),
    model: Type.String({
      minLength: 1,
      default: 'gpt-image-1',
      description: 'Image model: gpt-image-1 (default) or dall-e-3',
    }),
    size: Type.Union(
      [
        Type.Literal('auto'),
        Type.Literal('1024x1024'),
        Type.Literal('1536x1024'),
        Type.Literal('1024x1536'),
        Type.Literal('1792x1024'),
        Type.Literal('1024x1792'),
      ],
      { default: '1024x1024', description: 'Size in pixels (1536x… for gpt-image-1, 1792x… for dall-e-3), or auto' },
    ),
    quality: Type.Optional(
      Type.Union(
        [
          Type.Literal('low'),
          Type.Literal('medium'),
          Type.Literal('high'),
          Type.Literal('auto'),
          Type.Literal('standard'),
          Type.Literal('hd'),
        ],
        {
          description: 'low, medium, high or auto for gpt-image-1; standard or hd for dall-e-3',
        },
      ),
    ),
    n: Type.Integer({ minimum: 1, maximum: 4, default: 1, description: 'How many images (1–4; dall-e-3 makes 1)' }),
    outputFormat: Type.Union([Type.Literal('png'), Type.Literal('jpeg'), Type.Literal('webp')], {
      default: 'png',
      description: 'File format (gpt-image-1; dall-e-3 gives png)',
    }),
    maxBytes: Type.Integer({
      minimum: 1,
      maximum: MAX_DOWNLOAD_BYTES,
      default: DEFAULT_DOWNLOAD_BYTES,
      description: `Largest image to return, in bytes (up to ${MAX_DOWNLOAD_BYTES}); a bigger one fails the step`,
    }),
  }),
  output: Type.Object({
    images: Type.Array(
      Type.Object({
        ...downloadedFields('image'),
        contentType: Type.String({ description: 'MIME type, e.g. image/png' }),
        bytes: Type.Integer({ description: 'Size of the image in bytes' }),
        revisedPrompt: Type.Union([Type.String(), Type.Null()], {
          description: 'The prompt as DALL·E 3 rewrote it, if it did',
        }),
      }),
      { description: 'The images, as base64 content' },
    ),
    usage: Type.Union(
      [
        Type.Object({
          inputTokens: Type.Integer({ description: 'Tokens in the prompt' }),
          outputTokens: Type.Integer({ description: 'Image tokens generated' }),
          totalTokens: Type.Integer({ description: 'Both together, what is billed' }),
        }),
        Type.Null(),
      ],
      { description: 'Token usage (gpt-image-1); null for DALL·E, billed per image' },
    ),
  }),
  examples: [{ input: { prompt: 'A watercolor lighthouse at dawn', size: '1024x1024', quality: 'low' } }],
  async run({ input, auth, ctx }) {
    const dalle = input.model.startsWith('dall-e');
    const response = await withOpenAI(auth, ctx, (openai) =>
      openai.images.generate({
        model: input.model,
        prompt: input.prompt,
        n: input.n,
        size: input.size,
        ...(input.quality ? { quality: input.quality } : {}),
        // gpt-image-1 always answers in base64 and refuses response_format; DALL·E gives URLs unless asked.
        ...(dalle ? { response_format: 'b64_json' } : { output_format: input.outputFormat }),
      }),
    );
    const contentType = dalle ? FORMATS.png : FORMATS[input.outputFormat];
    const images = (response.data ?? []).map((image) => {
      if (!image.b64_json) {
        throw new ConnectorError('OpenAI answered without the image content (b64_json)', {
          kind: 'unknown',
          actionKey: ctx.actionKey,
        });
      }
      const bytes = bytesOf(image.b64_json, 'base64', ctx.actionKey);
      checkSize(bytes.length, input.maxBytes, IMAGE, ctx.actionKey);
      return {
        content: bytes.toString('base64'),
        encoding: 'base64' as const,
        contentType,
        bytes: bytes.length,
        revisedPrompt: image.revised_prompt ?? null,
      };
    });
    const usage = response.usage;
    return {
      images,
      usage: usage
        ? { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, totalTokens: usage.total_tokens }
        : null,
    };
  },
});
