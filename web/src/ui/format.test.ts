import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isIsoDate, taiwanMonth, todayInTaiwan } from './format';

describe('Taiwan dates', () => {
  it('uses the Taiwan calendar day, not the browser zone', () => {
    // 16:30 UTC is 00:30 the next day in Taipei.
    expect(todayInTaiwan(new Date('2021-01-13T16:30:00Z'))).toBe('2021-01-14');
    expect(todayInTaiwan(new Date('2021-01-13T15:59:00Z'))).toBe('2021-01-13');
  });

  it('formats instants in Taiwan time, 24-hour', () => {
    expect(formatDateTime('2026-03-01T01:05:00Z')).toBe('2026-03-01 09:05');
    expect(formatDateTime('2026-03-01T15:00:00Z')).toBe('2026-03-01 23:00');
    expect(formatDate('2026-03-01T16:00:00Z')).toBe('2026-03-02');
    expect(taiwanMonth('2026-01-31T16:00:00Z')).toBe('2026-02');
  });

  it('shows unreadable input as given', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDate('')).toBe('');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2021-01-14')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2021-1-14')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});
