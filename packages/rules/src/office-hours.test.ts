import { describe, expect, it } from 'vitest';
import { isWithinOfficeHours } from './office-hours';
import { versionAt } from './test-helpers';

describe('isWithinOfficeHours (Taipei 6(三))', () => {
  const hours = versionAt('taipei', 'labor-insurance', '2020-06-30').queries.officeHours.value!;

  it('accepts a weekday inside the hours, in Taiwan time', () => {
    expect(isWithinOfficeHours(hours, new Date('2020-06-30T00:30:00Z'))).toBe(true); // Tue 08:30 Taipei
    expect(isWithinOfficeHours(hours, new Date('2020-06-30T09:29:00Z'))).toBe(true); // Tue 17:29
  });

  it('refuses before and after the hours and at weekends', () => {
    expect(isWithinOfficeHours(hours, new Date('2020-06-30T00:29:00Z'))).toBe(false); // Tue 08:29
    expect(isWithinOfficeHours(hours, new Date('2020-06-30T09:30:00Z'))).toBe(false); // Tue 17:30
    expect(isWithinOfficeHours(hours, new Date('2020-06-27T02:00:00Z'))).toBe(false); // Sat 10:00
  });
});
