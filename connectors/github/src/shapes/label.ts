import { Type } from '@mova/sdk';
import { Nullable } from './common.js';

export const Label = Type.Object({
  name: Type.String({ description: 'Label name.' }),
  color: Type.Optional(Type.String({ description: 'Hex colour without the #, e.g. "f29513".' })),
  description: Type.Optional(Nullable(Type.String(), { description: 'What the label means.' })),
});

/** GitHub lists an issue's labels as objects, but its schema also allows plain names. */
export type LabelData = string | { name?: string; color?: string | null; description?: string | null };

export function labelsFrom(labels: LabelData[]) {
  return labels.flatMap((label) => {
    if (typeof label === 'string') return [{ name: label }];
    if (!label.name) return [];
    return [
      {
        name: label.name,
        ...(label.color ? { color: label.color } : {}),
        ...(label.description !== undefined ? { description: label.description } : {}),
      },
    ];
  });
}
