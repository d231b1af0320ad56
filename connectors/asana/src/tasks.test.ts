import { describe, expect, it } from 'vitest';
import { toTask } from './tasks.js';

describe('toTask', () => {
  it('fills what a sparse task leaves out, and keeps references as gid and name', () => {
    expect(
      toTask({
        gid: '1204',
        name: 'Task',
        created_at: '2026-01-05T09:00:00.000Z',
        modified_at: '2026-01-05T10:00:00.000Z',
        assignee: { gid: '12', name: 'Ada' },
        projects: [{ gid: '34' }],
        custom_fields: [{ gid: '56', name: 'Priority' }],
      }),
    ).toEqual({
      gid: '1204',
      name: 'Task',
      notes: '',
      completed: false,
      completed_at: null,
      assignee: { gid: '12', name: 'Ada' },
      due_on: null,
      due_at: null,
      start_on: null,
      created_at: '2026-01-05T09:00:00.000Z',
      modified_at: '2026-01-05T10:00:00.000Z',
      permalink_url: null,
      projects: [{ gid: '34', name: null }],
      workspace: null,
      parent: null,
      tags: [],
      custom_fields: [{ gid: '56', name: 'Priority', display_value: null }],
    });
  });
});
