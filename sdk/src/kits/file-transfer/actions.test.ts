import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { deleteFileAction, fileInfoAction, listFilesAction, uploadFileAction } from './actions.js';

const Entry = Type.Object({ name: Type.String(), path: Type.String(), type: Type.String(), size: Type.Integer() });
const entry = { name: 'orders.csv', path: '/outbox/orders.csv', type: 'file', size: 48213 };

describe('file actions', () => {
  it('files.list names the server and lists the example entry under /outbox', () => {
    const action = listFilesAction('SFTP', 'Folder to list', Entry, entry);
    expect(action).toMatchObject({ key: 'files.list', title: 'List a folder' });
    expect(action.description).toContain('on the SFTP server');
    expect(action.input.properties.path.description).toBe('Folder to list');
    const [example] = action.examples;
    expect(Value.Check(action.input, example?.input)).toBe(true);
    expect(Value.Check(action.output, example?.output)).toBe(true);
    expect(example?.output.entries).toEqual([entry]);
  });

  it('files.info finds the example entry at its path, and nothing elsewhere', () => {
    const action = fileInfoAction('Says what is there.', Entry, entry);
    expect(action).toMatchObject({ key: 'files.info', description: 'Says what is there.' });
    expect(action.examples.map((example) => example.input.path)).toEqual(['/outbox/orders.csv', '/outbox/none.csv']);
    for (const example of action.examples) {
      expect(Value.Check(action.input, example.input)).toBe(true);
      expect(Value.Check(action.output, example.output)).toBe(true);
    }
    expect(Value.Check(action.output, { path: '/x', exists: true, entry: { name: 'x' } })).toBe(false);
  });

  it('files.delete takes ignoreMissing and has an example that validates', () => {
    const action = deleteFileAction('Deletes a file.');
    expect(action.key).toBe('files.delete');
    const [example] = action.examples;
    expect(Value.Check(action.input, example?.input)).toBe(true);
    expect(Value.Check(action.output, example?.output)).toBe(true);
    expect(Value.Check(action.input, { path: '', ignoreMissing: false })).toBe(false);
  });

  it('files.upload adds what the server tells, in the schema and the example', () => {
    const extra = { modifiedAt: Type.String({ format: 'date-time' }) };
    const action = uploadFileAction('Writes a file.', extra, { modifiedAt: '2025-03-04T18:00:00.000Z' });
    expect(action).toMatchObject({ key: 'files.upload', title: 'Upload a file' });
    expect(Object.keys(action.output.properties)).toEqual(['path', 'size', 'modifiedAt']);
    const [example] = action.examples;
    expect(Value.Check(action.input, example?.input)).toBe(true);
    expect(example?.output).toEqual({ path: '/inbox/orders.csv', size: 17, modifiedAt: '2025-03-04T18:00:00.000Z' });
    expect(Buffer.byteLength(example?.input.content ?? '')).toBe(example?.output.size);
    expect(Object.keys(uploadFileAction('Writes a file.', {}, {}).output.properties)).toEqual(['path', 'size']);
  });
});
