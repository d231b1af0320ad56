import { describe, expect, it } from 'vitest';
import { jobPath, queueIdOf } from './client.js';

describe('jobPath', () => {
  it('nests folders as /job/… segments and encodes names', () => {
    expect(jobPath('deploy')).toBe('/job/deploy');
    expect(jobPath('team/api/deploy')).toBe('/job/team/job/api/job/deploy');
    expect(jobPath('My Folder/build #1')).toBe('/job/My%20Folder/job/build%20%231');
  });
});

describe('queueIdOf', () => {
  it('reads the queue item id from the Location header', () => {
    expect(queueIdOf('https://ci.example.com/queue/item/42/')).toBe(42);
    expect(queueIdOf('https://ci.example.com/job/x/')).toBeNull();
    expect(queueIdOf(undefined)).toBeNull();
  });
});
