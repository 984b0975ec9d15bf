import { listCities, type IsoDate } from '@custos/rules';
import type { DataSource } from 'typeorm';
import type { AuditServices } from '../services';
import { inCity } from './city-transaction';

export interface DestructionJobResult {
  cityId: string;
  destroyed: number;
  kept: number;
}

/** Destroys every city's audit records whose retention has passed, one transaction per city (the log says what went). */
export async function runDestructionJob(
  dataSource: DataSource,
  services: AuditServices,
  options: { today: IsoDate; now: Date; dryRun: boolean; cities?: string[] },
): Promise<DestructionJobResult[]> {
  const results: DestructionJobResult[] = [];
  for (const cityId of options.cities ?? listCities().map((city) => city.id)) {
    const run = await inCity(dataSource, cityId, (manager) => services.destruction.destroyExpired(manager, cityId, null, options));
    results.push({ cityId, destroyed: run.destroyed.length, kept: run.kept.length });
  }
  return results;
}
