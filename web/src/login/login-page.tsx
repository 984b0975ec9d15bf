import { useEffect, useId, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import type { Session, SignedOutReason } from '../api/session-store';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../i18n/language-switch';
import { localizedName } from '../i18n/localized-name';
import { Brand } from '../ui/brand';
import { FormError } from '../ui/form-error';
import { CertificateLoginForm } from './certificate-login-form';
import { CITIES_QUERY, type City } from './login.operations';
import { PasswordLoginForm } from './password-login-form';

type LoginMethod = 'certificate' | 'password';

interface LoginPageProps {
  reason: SignedOutReason;
  onSignedIn(session: Session): Promise<void>;
}

const CITY_STORAGE_KEY = 'custos.cityId';

function rememberedCityId(): string {
  try {
    return window.localStorage.getItem(CITY_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberCityId(cityId: string) {
  try {
    window.localStorage.setItem(CITY_STORAGE_KEY, cityId);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}

export function LoginPage({ reason, onSignedIn }: LoginPageProps) {
  const { t, language } = useI18n();
  const ids = { title: useId(), city: useId(), citiesError: useId(), method: useId(), rule: useId() };
  const { data, loading, error, refetch } = useQuery(CITIES_QUERY);
  const cities = data?.cities ?? [];
  const [chosenCityId, setChosenCityId] = useState(rememberedCityId);
  const [method, setMethod] = useState<LoginMethod>('certificate');

  // A remembered city that no longer exists is forgotten; a platform with one city needs no choice.
  const onlyCity = cities.length === 1 ? cities[0] : undefined;
  const city: City | undefined = cities.find((candidate) => candidate.id === chosenCityId) ?? onlyCity;
  const passwordOffered = city?.passwordLoginAllowed === true;
  const activeMethod: LoginMethod = passwordOffered ? method : 'certificate';

  useEffect(() => {
    if (city) rememberCityId(city.id);
  }, [city]);

  return (
    <div className="login-layout">
      <header className="login-header">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="login-card" aria-labelledby={ids.title}>
        <h1 id={ids.title}>{t('login.title')}</h1>
        <p className="lead">{t('login.intro')}</p>

        {reason === 'sessionExpired' ? (
          <p className="notice notice-warning" role="status">
            {t('login.sessionExpired')}
          </p>
        ) : null}
        {reason === 'loggedOut' ? (
          <p className="notice notice-info" role="status">
            {t('login.signedOut')}
          </p>
        ) : null}

        <div className="field">
          <label htmlFor={ids.city}>{t('login.city')}</label>
          <select
            id={ids.city}
            name="city"
            required
            value={city?.id ?? ''}
            disabled={cities.length === 0}
            aria-describedby={error && cities.length === 0 ? ids.citiesError : undefined}
            onChange={(event) => setChosenCityId(event.target.value)}
          >
            <option value="" disabled>
              {loading && cities.length === 0 ? t('login.citiesLoading') : t('login.cityPlaceholder')}
            </option>
            {cities.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {localizedName(candidate, language)}
              </option>
            ))}
          </select>
        </div>
        {error && cities.length === 0 ? (
          <div className="inline-error">
            <FormError id={ids.citiesError} error={error} />
            <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)}>
              {t('login.retry')}
            </button>
          </div>
        ) : null}

        {city ? (
          <>
            {passwordOffered ? (
              <fieldset className="method-choice">
                <legend>{t('login.method')}</legend>
                {(['certificate', 'password'] as const).map((option) => (
                  <label key={option} className="method-option">
                    <input
                      type="radio"
                      name={ids.method}
                      value={option}
                      checked={activeMethod === option}
                      onChange={() => setMethod(option)}
                    />
                    <span>{t(`login.method.${option}`)}</span>
                  </label>
                ))}
              </fieldset>
            ) : (
              <div className="notice notice-info" id={ids.rule}>
                <p>{t('login.certificateOnly', { city: localizedName(city, language) })}</p>
                {city.loginRuleCitation ? (
                  <p className="citation">{t('login.ruleCitation', { citation: city.loginRuleCitation })}</p>
                ) : null}
              </div>
            )}

            {/* Both forms stay mounted while a city offers both, so switching method never loses what was typed. */}
            <CertificateLoginForm
              cityId={city.id}
              hidden={activeMethod !== 'certificate'}
              onSignedIn={onSignedIn}
            />
            {passwordOffered ? (
              <PasswordLoginForm cityId={city.id} hidden={activeMethod !== 'password'} onSignedIn={onSignedIn} />
            ) : null}
          </>
        ) : null}
      </main>
    </div>
  );
}
