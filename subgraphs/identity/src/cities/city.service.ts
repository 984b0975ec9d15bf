import type { DataSource } from 'typeorm';
import type { LoginPolicies } from '../login/login-policy';
import { CityEntity } from './city.entity';
import type { CityType } from './city.type';

/** How long the city list is reused; new tenants appear within this time. */
const CACHE_MILLISECONDS = 30_000;

/**
 * The tenant list is public reference data (a handful of names), read outside any city's scope.
 * It is cached in memory: reading it must not take a second pooled connection in the middle of a
 * request that already holds one.
 */
export class CityService {
  private cached: { at: number; cities: Promise<CityEntity[]> } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly loginPolicies: LoginPolicies,
  ) {}

  private all(): Promise<CityEntity[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MILLISECONDS) {
      const cities = this.dataSource.getRepository(CityEntity).find({ order: { id: 'ASC' } });
      this.cached = { at: now, cities };
      cities.catch(() => (this.cached = undefined));
    }
    return this.cached.cities;
  }

  async list(now: Date): Promise<CityType[]> {
    return (await this.all()).map((city) => this.present(city, now));
  }

  async findByIds(ids: readonly string[], now: Date): Promise<Map<string, CityType>> {
    const wanted = new Set(ids);
    return new Map((await this.all()).filter((city) => wanted.has(city.id)).map((city) => [city.id, this.present(city, now)]));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.all()).some((city) => city.id === id);
  }

  private present(city: CityEntity, now: Date): CityType {
    const policy = this.loginPolicies.at(city.id, now);
    return { id: city.id, name: city.name, nameEn: city.nameEn, passwordLoginAllowed: policy.passwordAllowed, loginRuleCitation: policy.citation };
  }
}
