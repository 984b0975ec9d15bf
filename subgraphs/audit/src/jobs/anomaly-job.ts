import { listCities, type IsoDate } from '@custos/rules';
import type { DataSource } from 'typeorm';
import type { AuditServices } from '../services';
import { inCity } from './city-transaction';

export interface AnomalyJobResult {
  cityId: string;
  created: number;
  findings: number;
}

/** Runs the anomaly rules over every city's records of [from, to], one transaction per city (a nightly job scans yesterday). */
export async function runAnomalyJob(
  dataSource: DataSource,
  services: AuditServices,
  options: { from: IsoDate; to: IsoDate; now: Date; cities?: string[] },
): Promise<AnomalyJobResult[]> {
  const results: AnomalyJobResult[] = [];
  for (const cityId of options.cities ?? listCities().map((city) => city.id)) {
    const scan = await inCity(dataSource, cityId, (manager) => services.anomalies.scan(manager, cityId, null, options.from, options.to, options.now));
    results.push({ cityId, created: scan.created, findings: scan.findings.length });
  }
  return results;
}
