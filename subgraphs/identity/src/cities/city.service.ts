import type { DataSource } from 'typeorm';
import type { LoginPolicies } from '../login/login-policy';
import { CityEntity } from './city.entity';
import type { CityType } from './city.type';

/** The tenant list is public reference data (names only), read outside any city's scope. */
export class CityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loginPolicies: LoginPolicies,
  ) {}

  async list(now: Date): Promise<CityType[]> {
    const cities = await this.dataSource.getRepository(CityEntity).find({ order: { id: 'ASC' } });
    return cities.map((city) => this.present(city, now));
  }

  async findByIds(ids: readonly string[], now: Date): Promise<Map<string, CityType>> {
    const cities = await this.dataSource.getRepository(CityEntity).findBy(ids.map((id) => ({ id })));
    return new Map(cities.map((city) => [city.id, this.present(city, now)]));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.dataSource.getRepository(CityEntity).countBy({ id })) === 1;
  }

  private present(city: CityEntity, now: Date): CityType {
    const policy = this.loginPolicies.at(city.id, now);
    return { id: city.id, name: city.name, nameEn: city.nameEn, passwordLoginAllowed: policy.passwordAllowed, loginRuleCitation: policy.citation };
  }
}
