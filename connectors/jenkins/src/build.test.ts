import { describe, expect, it } from 'vitest';
import { toBuild, toQueueStatus } from './build.js';

describe('toBuild', () => {
  it('reads status, times and parameters from a build’s JSON', () => {
    expect(
      toBuild('team/deploy', {
        number: 7,
        displayName: '#7',
        building: false,
        result: 'FAILURE',
        timestamp: Date.parse('2026-01-01T10:00:00Z'),
        duration: 5000,
        estimatedDuration: -1,
        url: 'https://ci/job/team/job/deploy/7/',
        actions: [{ _class: 'hudson.model.CauseAction' }, null, { parameters: [{ name: 'ENV', value: 'prod' }] }],
      }),
    ).toEqual({
      job: 'team/deploy',
      number: 7,
      displayName: '#7',
      building: false,
      result: 'FAILURE',
      startedAt: '2026-01-01T10:00:00.000Z',
      durationMs: 5000,
      estimatedDurationMs: null,
      url: 'https://ci/job/team/job/deploy/7/',
      parameters: { ENV: 'prod' },
    });
  });
});

describe('toQueueStatus', () => {
  it('tells waiting, started and cancelled items apart', () => {
    expect(toQueueStatus(3, { why: 'Waiting for next available executor' })).toMatchObject({
      state: 'waiting',
      buildNumber: null,
    });
    expect(toQueueStatus(3, { executable: { number: 12, url: 'u' } })).toMatchObject({
      state: 'started',
      buildNumber: 12,
    });
    expect(toQueueStatus(3, { cancelled: true })).toMatchObject({ state: 'cancelled' });
  });
});
