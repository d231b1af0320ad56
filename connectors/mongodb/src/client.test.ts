import { describe, expect, it } from 'vitest';
import { databaseInUri } from './client.js';

describe('databaseInUri', () => {
  it('reads the database from the connection string path', () => {
    expect(databaseInUri('mongodb://h:27017/app')).toBe('app');
    expect(databaseInUri('mongodb://u:p@h1,h2/app?replicaSet=rs0')).toBe('app');
    expect(databaseInUri('mongodb+srv://cluster.example.net/my%20db?retryWrites=true')).toBe('my db');
  });

  it('gives nothing when the path names no database', () => {
    expect(databaseInUri('mongodb://h:27017')).toBeUndefined();
    expect(databaseInUri('mongodb://h:27017/')).toBeUndefined();
    expect(databaseInUri('mongodb://h:27017/?directConnection=true')).toBeUndefined();
  });
});
