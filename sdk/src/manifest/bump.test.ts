import { describe, expect, it } from 'vitest';
import { isBumpEnough, predecessorOf, suggestVersion } from './bump.js';

describe('predecessorOf', () => {
  it('is the highest published version below the new one', () => {
    expect(predecessorOf(['1.0.0', '1.1.0', '2.0.0'], '2.1.0')).toBe('2.0.0');
    expect(predecessorOf(['1.0.0', '1.1.0', '2.0.0'], '1.1.1')).toBe('1.1.0');
    expect(predecessorOf(['1.0.0'], '0.9.0')).toBeUndefined();
    expect(predecessorOf([], '1.0.0')).toBeUndefined();
  });
});

describe('isBumpEnough', () => {
  it('asks 1.x and later for the bump the changes need, or more', () => {
    expect(isBumpEnough('1.2.0', '2.0.0', 'major')).toBe(true);
    expect(isBumpEnough('1.2.0', '1.3.0', 'major')).toBe(false);
    expect(isBumpEnough('1.2.0', '1.2.1', 'minor')).toBe(false);
    expect(isBumpEnough('1.2.0', '1.3.0', 'minor')).toBe(true);
    expect(isBumpEnough('1.2.0', '2.0.0', 'patch')).toBe(true);
    expect(isBumpEnough('1.2.0', '1.2.1', 'patch')).toBe(true);
    expect(isBumpEnough('1.2.0', '2.0.0-rc.0', 'major')).toBe(true);
    expect(isBumpEnough('1.2.0', '1.2.0', 'patch')).toBe(false);
  });

  it('below 1.0.0 takes a minor for a breaking change and anything for the rest', () => {
    expect(isBumpEnough('0.3.1', '0.3.2', 'major')).toBe(false);
    expect(isBumpEnough('0.3.1', '0.4.0', 'major')).toBe(true);
    expect(isBumpEnough('0.3.1', '1.0.0', 'major')).toBe(true);
    expect(isBumpEnough('0.3.1', '0.3.2', 'minor')).toBe(true);
  });

  it('lets prereleases of an unreleased version change freely among themselves', () => {
    expect(isBumpEnough('2.0.0-rc.1', '2.0.0-rc.2', 'major')).toBe(true);
    expect(isBumpEnough('2.0.0-rc.1', '2.0.0', 'major')).toBe(true);
    expect(isBumpEnough('2.0.0-rc.1', '2.0.1', 'major')).toBe(false);
  });
});

describe('suggestVersion', () => {
  it('is the next version the bump allows that is not taken', () => {
    expect(suggestVersion('1.2.0', 'major', ['1.2.0'])).toBe('2.0.0');
    expect(suggestVersion('1.2.0', 'minor', ['1.2.0'])).toBe('1.3.0');
    expect(suggestVersion('1.2.0', 'patch', ['1.2.0', '1.2.1'])).toBe('1.2.2');
    expect(suggestVersion('1.2.0', 'major', ['1.2.0', '2.0.0'])).toBe('3.0.0');
    expect(suggestVersion('0.3.1', 'major', ['0.3.1'])).toBe('0.4.0');
    expect(suggestVersion('0.3.1', 'minor', ['0.3.1'])).toBe('0.3.2');
  });
});
