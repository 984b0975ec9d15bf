import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { navigateTo } from '../shell/hash-path';
import { bureauViewParams, periodReversed, type BureauView } from './bureau-filters';
import { CitySelect, type BureauScope } from './bureau-scope';

interface FilterFormProps {
  /** The page the filters belong to: applying them changes its address. */
  path: string;
  scope: BureauScope;
  view: BureauView;
  /** More fields of the same form (the statistics page's item and dimensions), given the form's state. */
  extra?(draft: BureauView, setDraft: (next: BureauView) => void): ReactNode;
  /** More checks before the view is applied; a message to show, or null. */
  problem?(draft: BureauView): string | null;
  actions?: ReactNode;
  /** What the period's days are of, when not the query day (an audit's period, a finding's records). */
  periodLabels?: { from: string; to: string };
}

/**
 * The city filter and the period of a bureau page. Applying writes the view into the address, so the page can be
 * reloaded or linked and the back button returns to the previous filter.
 */
export function BureauFilterForm({ path, scope, view, extra, problem, actions, periodLabels }: FilterFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<BureauView>(view);
  const [periodProblem, setPeriodProblem] = useState(false);
  const [otherProblem, setOtherProblem] = useState<string | null>(null);
  // When the address changes (applied, cleared, or the back button), the form shows it again. Adjusted while
  // rendering rather than by remounting, so the keyboard focus stays on the button that applied it.
  const viewKey = JSON.stringify(view);
  const [shownKey, setShownKey] = useState(viewKey);
  if (shownKey !== viewKey) {
    setShownKey(viewKey);
    setDraft(view);
    setPeriodProblem(false);
    setOtherProblem(null);
  }
  const ids = { heading: useId(), city: useId(), cityHint: useId(), from: useId(), fromError: useId(), to: useId(), other: useId() };

  function apply(event: FormEvent) {
    event.preventDefault();
    const reversed = periodReversed(draft.from, draft.to);
    const other = problem?.(draft) ?? null;
    setPeriodProblem(reversed);
    setOtherProblem(other);
    if (reversed || other) return;
    navigateTo(path, bureauViewParams(draft));
  }

  return (
    <form className="register-filters bureau-filters" aria-labelledby={ids.heading} onSubmit={apply} noValidate>
      <h2 id={ids.heading} className="visually-hidden">
        {t('bureau.filters')}
      </h2>
      <div className="filters">
        <div className="field field-inline">
          <label htmlFor={ids.city}>{t('bureau.city')}</label>
          <CitySelect id={ids.city} scope={scope} value={draft.cityId ?? ''} describedBy={ids.cityHint} onChange={(cityId) => setDraft({ ...draft, cityId: cityId || null })} />
          <p id={ids.cityHint} className="field-hint">
            {t('bureau.city.hint')}
          </p>
        </div>
        <div className="field field-inline">
          <label htmlFor={ids.from}>{periodLabels?.from ?? t('bureau.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={draft.from}
            aria-invalid={periodProblem ? true : undefined}
            aria-describedby={ids.fromError}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
          <p id={ids.fromError} className="field-error" aria-live="polite">
            {periodProblem ? t('bureau.periodInvalid') : null}
          </p>
        </div>
        <div className="field field-inline">
          <label htmlFor={ids.to}>{periodLabels?.to ?? t('bureau.to')}</label>
          <input id={ids.to} type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
        </div>
        {extra?.(draft, setDraft)}
      </div>
      {otherProblem ? (
        <p id={ids.other} className="field-error" role="alert">
          {otherProblem}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button">
          {t('bureau.apply')}
        </button>
        <button type="button" className="button" onClick={() => navigateTo(path)}>
          {t('bureau.clear')}
        </button>
        {actions}
      </div>
    </form>
  );
}
