import { listCities, type IsoDate } from '@custos/rules';
import type { DataSource } from 'typeorm';
import type { AuditServices } from '../services';
import { inCity } from './city-transaction';

export interface CalendarJobResult {
  cityId: string;
  created: number;
  due: number;
}

/**
 * Generates every city's compliance tasks falling due between `from` and `to`, one transaction per city.
 * Idempotent, so a daily schedule may run it over an overlapping window.
 */
export async function runCalendarJob(
  dataSource: DataSource,
  services: AuditServices,
  options: { from: IsoDate; to: IsoDate; today: IsoDate; cities?: string[] },
): Promise<CalendarJobResult[]> {
  const results: CalendarJobResult[] = [];
  for (const cityId of options.cities ?? listCities().map((city) => city.id)) {
    const { created, tasks } = await inCity(dataSource, cityId, (manager) => services.tasks.generate(manager, cityId, options.from, options.to, options.today));
    results.push({ cityId, created, due: tasks.length });
  }
  return results;
}
