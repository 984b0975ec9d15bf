import { useCallback, useMemo, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { useAccessToken } from '../api/session-context';
import { crossCityReachOf, type CrossCityReach } from '../api/token-claims';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { Page } from '../ui/page';
import { CITY_NAMES_QUERY } from './bureau.operations';
import { readBureauView, type BureauView } from './bureau-filters';

export interface BureauScope {
  /** The cities and the service of the officer's token; null when the token carries none. */
  reach: CrossCityReach | null;
  /** The reach's cities, named in the page's language, in the reach's order. */
  cities: Array<{ id: string; label: string }>;
  cityName(id: string): string;
  /** The service in words ("勞保局 WebIR"). */
  serviceName: string;
}

/**
 * The cities a bureau officer may read come from the token identity signed at login (the same list the gateway and
 * the database enforce), named through the public list of cities.
 */
export function useBureauScope(): BureauScope {
  const { t, language } = useI18n();
  const token = useAccessToken();
  const reach = useMemo(() => crossCityReachOf(token), [token]);
  const names = useQuery(CITY_NAMES_QUERY, { skip: !reach });
  const cityName = useCallback(
    (id: string) => {
      const city = names.data?.cities.find((candidate) => candidate.id === id);
      return city ? localizedName(city, language) : id;
    },
    [names.data, language],
  );
  const cities = useMemo(() => (reach?.cityIds ?? []).map((id) => ({ id, label: cityName(id) })), [reach, cityName]);
  const serviceName = reach ? t(`service.${reach.service}` as MessageKey) : '';
  return { reach, cities, cityName, serviceName };
}

/** Which cities and service the page covers, and that reading is logged by each city. */
export function ReachNotice({ scope }: { scope: BureauScope }) {
  const { t, language } = useI18n();
  return (
    <div className="notice notice-info bureau-reach">
      <p>{t('bureau.reach', { cities: scope.cities.map((city) => city.label).join(language === 'en' ? ', ' : '、'), service: scope.serviceName })}</p>
      <p>{t('bureau.readLogged')}</p>
    </div>
  );
}

/** Shown instead of a bureau page when the session has no cross-city reach (e.g. a token from before a change). */
export function WithReach({ scope, children }: { scope: BureauScope; children: ReactNode }) {
  const { t } = useI18n();
  if (!scope.reach) {
    return (
      <div className="notice notice-warning" role="status">
        <p>{t('bureau.noReach')}</p>
      </div>
    );
  }
  return <>{children}</>;
}

/**
 * The page's view as its address holds it (city within the reach, period, item, and the page's own
 * choices read by `readChoices`, a module-level function).
 */
export function useBureauView(scope: BureauScope, address: string, readChoices?: (params: URLSearchParams) => Record<string, string>): BureauView {
  return useMemo(() => {
    const read = new URLSearchParams(address);
    const view = readBureauView(read, scope.reach!.cityIds);
    return readChoices ? { ...view, choices: readChoices(read) } : view;
  }, [address, scope.reach, readChoices]);
}

/**
 * A bureau officer's page: its title, a lead naming the bureau's own service, and its body once the
 * token's reach is known (a notice instead when the token has none).
 */
export function BureauPage({ title, intro, className = 'page-wide', children }: { title: MessageKey; intro: MessageKey; className?: string; children(scope: BureauScope): ReactNode }) {
  const { t } = useI18n();
  const scope = useBureauScope();
  return (
    <Page title={t(title)} lead={scope.reach ? t(intro, { service: scope.serviceName }) : undefined} className={className}>
      <WithReach scope={scope}>{children(scope)}</WithReach>
    </Page>
  );
}

/** The city filter: every city of the reach, or one. */
export function CitySelect({ id, scope, value, onChange, describedBy }: { id: string; scope: BureauScope; value: string; onChange(cityId: string): void; describedBy?: string }) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('bureau.city.all', { count: scope.cities.length })}</option>
      {scope.cities.map((city) => (
        <option key={city.id} value={city.id}>
          {city.label}
        </option>
      ))}
    </select>
  );
}

/** A short form of an id the reader cannot name (another tenant's agencies and accounts are not readable). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
