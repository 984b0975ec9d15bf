import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { MY_GRANTS_QUERY, type QueryItem } from '../access/access.operations';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { FormError } from '../ui/form-error';
import { isIsoDate } from '../ui/format';
import { Loading, QueryError } from '../ui/status';
import { isPurposeCategory, PURPOSE_CATEGORIES, type PurposeCategory } from './purpose-category';
import { checkSubject, type SubjectKind, type SubjectProblem } from './identifiers';
import { firstErrorExtensions } from './query-errors';
import { CREATE_QUERY_REQUEST_MUTATION, type CreateQueryRequestInput, type QueryRequest } from './queries.operations';
import { subjectProblemMessage } from './subject-problem';

type FieldName =
  | 'caseNumber'
  | 'purpose'
  | 'purposeCategory'
  | 'legalBasis'
  | 'consentReference'
  | 'consentSignedOn'
  | 'itemKeys'
  | 'subject'
  | 'proxyFor'
  | 'proxyDocument'
  | 'proxyDate';

type FieldErrors = Partial<Record<FieldName, string>>;

/** Where the service's `extensions.field` lands in the form. */
const SERVER_FIELDS: Record<string, FieldName> = {
  caseNumber: 'caseNumber',
  purpose: 'purpose',
  purposeCategory: 'purposeCategory',
  legalBasis: 'legalBasis',
  'consent.documentReference': 'consentReference',
  'consent.signedOn': 'consentSignedOn',
  itemKeys: 'itemKeys',
  subject: 'subject',
  subjectKind: 'subject',
  proxy: 'proxyFor',
  'proxy.onBehalfOfAccountId': 'proxyFor',
  'proxy.documentNumber': 'proxyDocument',
  'proxy.authorisedOn': 'proxyDate',
};

interface FormState {
  caseNumber: string;
  purpose: string;
  /** '' when not stated: the API takes none (such queries count under no category). */
  purposeCategory: PurposeCategory | '';
  basis: 'legal' | 'consent';
  legalBasis: string;
  consentReference: string;
  consentSignedOn: string;
  itemKeys: string[];
  subjectKind: SubjectKind;
  subject: string;
  proxy: boolean;
  proxyFor: string;
  proxyDocument: string;
  proxyDate: string;
}

const EMPTY: FormState = {
  caseNumber: '',
  purpose: '',
  purposeCategory: '',
  basis: 'legal',
  legalBasis: '',
  consentReference: '',
  consentSignedOn: '',
  itemKeys: [],
  subjectKind: 'NATIONAL_ID',
  subject: '',
  proxy: false,
  proxyFor: '',
  proxyDocument: '',
  proxyDate: '',
};

/**
 * The query request (the register forms: Changhua 附表四, Tainan 附表三, Taipei 附件2). Every field is checked here
 * first and its problem shown beside it; what the service refuses lands beside the field it names; nothing typed is
 * lost on an error.
 */
export function RequestForm({ onCreated }: { onCreated(request: QueryRequest): void }) {
  const { t, language } = useI18n();
  const grants = useQuery(MY_GRANTS_QUERY);
  const [create, { loading: busy }] = useMutation(CREATE_QUERY_REQUEST_MUTATION);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [subjectTouched, setSubjectTouched] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = {
    form: useId(),
    error: useId(),
    status: useId(),
  };

  const items = useMemo(() => {
    const held = new Map<string, QueryItem>();
    for (const grant of grants.data?.myGrants ?? []) if (grant.item && !grant.revokedAt) held.set(grant.item.key, grant.item);
    return [...held.values()].sort((a, b) => a.service.localeCompare(b.service) || a.code.localeCompare(b.code));
  }, [grants.data]);

  const subjectCheck = checkSubject(form.subjectKind, form.subject);
  const liveSubjectError =
    subjectTouched && !subjectCheck.valid && subjectCheck.reason !== 'EMPTY'
      ? subjectProblemMessage(t, form.subjectKind, subjectCheck.reason, subjectCheck.length)
      : null;
  const subjectError = errors.subject ?? liveSubjectError ?? undefined;

  function update<Key extends keyof FormState>(key: Key, value: FormState[Key]) {
    setForm((current) => ({ ...current, [key]: value }));
    setCreated(null);
    // A corrected field loses its old complaint; the others keep theirs until the next submit.
    const field = (key === 'subjectKind' ? 'subject' : key) as FieldName;
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function toggleItem(key: string, checked: boolean) {
    update('itemKeys', checked ? [...form.itemKeys, key] : form.itemKeys.filter((candidate) => candidate !== key));
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    const required = t('queries.form.required');
    if (!form.caseNumber.trim()) found.caseNumber = required;
    if (!form.purpose.trim()) found.purpose = required;
    if (form.basis === 'legal' && !form.legalBasis.trim()) found.legalBasis = t('queries.form.basisRequired');
    if (form.basis === 'consent') {
      if (!form.consentReference.trim()) found.consentReference = required;
      if (!isIsoDate(form.consentSignedOn)) found.consentSignedOn = required;
    }
    if (form.itemKeys.length === 0) found.itemKeys = t('queries.form.pickItem');
    else {
      const services = new Set(form.itemKeys.map((key) => key.split(':')[0]));
      if (services.size > 1) found.itemKeys = t('queries.form.oneService');
    }
    if (!subjectCheck.valid) found.subject = subjectProblemMessage(t, form.subjectKind, subjectCheck.reason, subjectCheck.length) ?? required;
    if (form.proxy) {
      if (!form.proxyFor.trim()) found.proxyFor = required;
      if (form.proxyDate && !isIsoDate(form.proxyDate)) found.proxyDate = required;
    }
    return found;
  }

  function focusFirstProblem() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setSubjectTouched(true);
    setFormError(null);
    setCreated(null);
    const found = validate();
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      focusFirstProblem();
      return;
    }
    const input: CreateQueryRequestInput = {
      caseNumber: form.caseNumber.trim(),
      purpose: form.purpose.trim(),
      purposeCategory: form.purposeCategory || null,
      itemKeys: form.itemKeys,
      subjectKind: form.subjectKind,
      subject: form.subject,
      legalBasis: form.basis === 'legal' ? form.legalBasis.trim() : null,
      consent: form.basis === 'consent' ? { documentReference: form.consentReference.trim(), signedOn: form.consentSignedOn } : null,
      proxy: form.proxy
        ? { onBehalfOfAccountId: form.proxyFor.trim(), documentNumber: form.proxyDocument.trim() || null, authorisedOn: form.proxyDate || null }
        : null,
    };
    try {
      const { data } = await create({ variables: { input } });
      if (!data) return;
      setForm(EMPTY);
      setSubjectTouched(false);
      setErrors({});
      setCreated(data.createQueryRequest.caseNumber);
      onCreated(data.createQueryRequest);
    } catch (caught) {
      // The form keeps every value; the service's complaint goes beside the field it names, if it names one.
      const extensions = firstErrorExtensions(caught);
      const field = extensions?.field ? SERVER_FIELDS[extensions.field] : undefined;
      if (field) {
        const reasonText =
          field === 'subject' && extensions?.reason
            ? subjectProblemMessage(t, form.subjectKind, extensions.reason as SubjectProblem, form.subject.trim().length)
            : null;
        setErrors({ [field]: reasonText ?? serverText(caught) });
        setFormError(new Error(t('queries.form.fixFields')));
        focusFirstProblem();
      } else {
        setFormError(caught);
      }
    }
  }

  if (grants.error && !grants.data) return <QueryError error={grants.error} onRetry={() => grants.refetch()} />;
  if (grants.loading && !grants.data) return <Loading />;

  const service = form.itemKeys[0]?.split(':')[0];
  return (
    <form ref={formRef} className="query-request-form" aria-labelledby={ids.form} aria-busy={busy} onSubmit={submit} noValidate>
      <h2 id={ids.form}>{t('queries.form.title')}</h2>
      <TextField label={t('queries.form.caseNumber')} value={form.caseNumber} error={errors.caseNumber} onChange={(value) => update('caseNumber', value)} required maxLength={64} />
      <TextField label={t('queries.form.purpose')} value={form.purpose} error={errors.purpose} onChange={(value) => update('purpose', value)} required multiline maxLength={500} />
      <SelectField
        label={t('queries.form.purposeCategory')}
        hint={t('queries.form.purposeCategoryHint')}
        value={form.purposeCategory}
        error={errors.purposeCategory}
        onChange={(value) => update('purposeCategory', isPurposeCategory(value) ? value : '')}
        options={[
          { value: '', label: t('queries.form.purposeCategory.none') },
          ...PURPOSE_CATEGORIES.map((category) => ({ value: category, label: t(`purposeCategory.${category}`) })),
        ]}
      />

      <fieldset className="field">
        <legend>{t('queries.form.basis')}</legend>
        <label className="checkbox-field">
          <input type="radio" name="basis" checked={form.basis === 'legal'} onChange={() => update('basis', 'legal')} />
          {t('queries.form.basis.legal')}
        </label>
        <label className="checkbox-field">
          <input type="radio" name="basis" checked={form.basis === 'consent'} onChange={() => update('basis', 'consent')} />
          {t('queries.form.basis.consent')}
        </label>
      </fieldset>
      {form.basis === 'legal' ? (
        <TextField label={t('queries.form.legalBasis')} value={form.legalBasis} error={errors.legalBasis} onChange={(value) => update('legalBasis', value)} required maxLength={500} />
      ) : (
        <>
          <TextField label={t('queries.form.consentReference')} value={form.consentReference} error={errors.consentReference} onChange={(value) => update('consentReference', value)} required maxLength={100} />
          <TextField label={t('queries.form.consentSignedOn')} type="date" value={form.consentSignedOn} error={errors.consentSignedOn} onChange={(value) => update('consentSignedOn', value)} required />
        </>
      )}

      <ItemsField
        items={items}
        selected={form.itemKeys}
        service={service}
        error={errors.itemKeys}
        onToggle={toggleItem}
        label={(item) => `${item.code} ${localizedName(item, language)}`}
      />

      <fieldset className="field">
        <legend>{t('queries.form.subjectKind')}</legend>
        {(['NATIONAL_ID', 'BUSINESS_NUMBER'] as const).map((kind) => (
          <label key={kind} className="checkbox-field">
            <input type="radio" name="subjectKind" checked={form.subjectKind === kind} onChange={() => update('subjectKind', kind)} />
            {t(`queries.form.subjectKind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        label={t('queries.form.subject')}
        hint={t('queries.form.subjectHint')}
        value={form.subject}
        error={subjectError}
        ok={subjectTouched && subjectCheck.valid && !errors.subject ? t('queries.form.subjectOk', { masked: subjectCheck.masked }) : undefined}
        onChange={(value) => update('subject', value)}
        onBlur={() => setSubjectTouched(true)}
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
      />

      <label className="checkbox-field">
        <input type="checkbox" checked={form.proxy} onChange={(event) => update('proxy', event.target.checked)} />
        {t('queries.form.proxy')}
      </label>
      {form.proxy ? (
        <div className="proxy-fields">
          <TextField label={t('queries.form.proxyFor')} hint={t('queries.form.proxyForHint')} value={form.proxyFor} error={errors.proxyFor} onChange={(value) => update('proxyFor', value)} required spellCheck={false} />
          <TextField label={t('queries.form.proxyDocument')} value={form.proxyDocument} error={errors.proxyDocument} onChange={(value) => update('proxyDocument', value)} maxLength={100} />
          <TextField label={t('queries.form.proxyDate')} type="date" value={form.proxyDate} error={errors.proxyDate} onChange={(value) => update('proxyDate', value)} />
        </div>
      ) : null}

      <FormError id={ids.error} error={formError} />
      <p id={ids.status} className="field-ok" role="status">
        {created ? t('queries.form.created', { caseNumber: created }) : null}
      </p>
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? t('queries.form.submitting') : t('queries.form.submit')}
      </button>
    </form>
  );
}

function serverText(error: unknown): string {
  return error instanceof Error ? (firstMessage(error) ?? error.message) : String(error);
}

function firstMessage(error: Error): string | undefined {
  const errors = (error as { errors?: Array<{ message?: string }> }).errors;
  return errors?.[0]?.message;
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  error?: string;
  ok?: string;
  hint?: ReactNode;
  type?: 'text' | 'date' | 'datetime-local';
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  autoComplete?: string;
  spellCheck?: boolean;
}

/** A labelled input whose hint and problem are read with it (`aria-describedby`), the problem right below it. */
export function TextField({ label, value, onChange, onBlur, error, ok, hint, type = 'text', multiline, required, maxLength, autoComplete, spellCheck }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const okId = `${id}-ok`;
  const describedBy = [hint ? hintId : null, error ? errorId : null, ok ? okId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    required,
    maxLength,
    autoComplete,
    spellCheck,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onBlur,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <p id={errorId} className="field-error" aria-live="polite">
        {error ?? null}
      </p>
      {ok && !error ? (
        <p id={okId} className="field-ok">
          {ok}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select with its hint and problem read with it, like `TextField`. */
function SelectField({
  label,
  value,
  onChange,
  options,
  error,
  hint,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: Array<{ value: string; label: string }>;
  error?: string;
  hint?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error ?? null}
      </p>
    </div>
  );
}

function ItemsField({
  items,
  selected,
  service,
  error,
  onToggle,
  label,
}: {
  items: QueryItem[];
  selected: string[];
  service: string | undefined;
  error?: string;
  onToggle(key: string, checked: boolean): void;
  label(item: QueryItem): string;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="field items-field" aria-describedby={`${id}-hint ${id}-error`}>
      <legend>{t('queries.form.items')}</legend>
      <p id={`${id}-hint`} className="field-hint">
        {items.length ? t('queries.form.itemsHint') : t('queries.form.noItems')}
      </p>
      {items.map((item, index) => (
        <label key={item.key} className="checkbox-field">
          <input
            type="checkbox"
            value={item.key}
            checked={selected.includes(item.key)}
            // The first box carries the group's problem, so "focus the first problem" lands in the group.
            aria-invalid={error && index === 0 ? true : undefined}
            disabled={service !== undefined && item.service !== service && !selected.includes(item.key)}
            onChange={(event) => onToggle(item.key, event.target.checked)}
          />
          {label(item)} <span className="field-hint">· {t(`service.${item.service}` as 'service.labor-insurance')}</span>
        </label>
      ))}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error ?? null}
      </p>
    </fieldset>
  );
}
