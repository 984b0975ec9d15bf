import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/dictionaries';
import { localizedName } from '../i18n/localized-name';
import type { PageProps } from '../shell/signed-in-routes';
import { Page } from '../ui/page';
import { Loading, QueryError } from '../ui/status';
import { describeAccessError, errorCode, errorField } from './access-errors';
import { describedBy, FieldMessage, focusField } from './access-fields';
import {
  AGENCY_GRANTS_QUERY,
  APPLY_CONTEXT_QUERY,
  BUSINESS_ITEMS_QUERY,
  QUERY_ITEMS_QUERY,
  SUBMIT_APPLICATION_MUTATION,
  type ApplicationFormRule,
  type ApplicationInput,
  type ApplyContext,
  type QueryItem,
} from './access.operations';
import './access.css';

/** The fields a message can be shown next to, in the order they appear (the first refused one takes the focus). */
const FIELDS = [
  'kind',
  'operation',
  'subject',
  'adminBasis',
  'itemsToAdd',
  'itemsToRemove',
  'businessItemId',
  'businessItemName',
  'businessItemPurpose',
  'units',
  'basis',
  'newBasisLaws',
  'newBasisPurpose',
  'reason',
  'ack',
] as const;
type Field = (typeof FIELDS)[number];

/** Where the gateway's `extensions.field` (or a code without one) is shown. */
const SERVER_FIELDS: Record<string, Field> = {
  kind: 'kind',
  operation: 'operation',
  subjectAccountId: 'subject',
  legalBasisId: 'adminBasis',
  itemsToAdd: 'itemsToAdd',
  itemsToRemove: 'itemsToRemove',
  businessItemId: 'businessItemId',
  businessItem: 'businessItemName',
  'businessItem.nameZh': 'businessItemName',
  'businessItem.purposeZh': 'businessItemPurpose',
  'businessItem.unitIds': 'units',
  'businessItem.legalBasisId': 'basis',
  'businessItem.legalBasis': 'basis',
  'businessItem.legalBasis.kind': 'basis',
  'businessItem.legalBasis.category': 'basis',
  'businessItem.legalBasis.lawsZh': 'newBasisLaws',
  'businessItem.legalBasis.purposeZh': 'newBasisPurpose',
  reason: 'reason',
  personalDataAcknowledged: 'ack',
};
const CODE_FIELDS: Record<string, Field> = {
  AGENCY_GRANT_NOT_HELD: 'itemsToAdd',
  ITEM_NOT_IN_UNIT_BUSINESS: 'itemsToAdd',
};

type FieldErrors = Partial<Record<Field, { key: MessageKey } | { error: unknown }>>;

const CATEGORIES = ['social', 'police', 'traffic', 'health', 'other'] as const;
const BASIS_KINDS = ['law', 'major-policy'] as const;
const NEW_BASIS = 'new';

export function ApplyPage({ account }: PageProps) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(APPLY_CONTEXT_QUERY, { fetchPolicy: 'cache-and-network' });
  const city = localizedName(account.city, language);
  return (
    <Page title={t('access.apply.title')} lead={t('access.apply.lead', { city })}>
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : data && data.applicationForms.kinds.length === 0 ? (
        <p className="notice notice-warning">{t('access.apply.noRules', { message: data.applicationForms.message ?? '' })}</p>
      ) : data ? (
        <ApplicationForm context={data} cityName={city} />
      ) : null}
    </Page>
  );
}

function ApplicationForm({ context, cityName }: { context: ApplyContext; cityName: string }) {
  const { t, language, roleName, codeLabel, messages } = useI18n();
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  const agencyId = context.me?.agency.id ?? '';
  const forms = context.applicationForms;
  const available = forms.kinds.filter((kind) => kind.available);

  const [kind, setKind] = useState<string>(() => (available.some((rule) => rule.kind === 'user-account') ? 'user-account' : (available[0]?.kind ?? '')));
  const rule: ApplicationFormRule | undefined = forms.kinds.find((candidate) => candidate.kind === kind);
  const [operation, setOperation] = useState<string>(() => rule?.operations[0] ?? '');
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [itemsToAdd, setItemsToAdd] = useState<string[]>([]);
  const [itemsToRemove, setItemsToRemove] = useState<string[]>([]);
  const [businessChoice, setBusinessChoice] = useState<'new' | 'existing'>('new');
  const [businessItemId, setBusinessItemId] = useState('');
  const [businessName, setBusinessName] = useState('');
  const [businessPurpose, setBusinessPurpose] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>(() => (context.me?.unitId ? [context.me.unitId] : []));
  const [basis, setBasis] = useState('');
  const [newBasis, setNewBasis] = useState({ kind: 'law', category: 'other', laws: '', purpose: '' });
  const [adminBasis, setAdminBasis] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ReactNode>(null);

  // Operations follow the kind: keep the choice when the new kind allows it.
  useEffect(() => {
    if (rule && !rule.operations.includes(operation)) setOperation(rule.operations[0] ?? '');
  }, [rule, operation]);

  const service = forms.service;
  const catalogue = useQuery(QUERY_ITEMS_QUERY, { variables: { service }, skip: !service });
  const agencyGrants = useQuery(AGENCY_GRANTS_QUERY, { variables: { agencyId, first: 100 }, skip: !agencyId, fetchPolicy: 'cache-and-network' });
  const businessItems = useQuery(BUSINESS_ITEMS_QUERY, { variables: { agencyId, first: 100 }, skip: !agencyId || kind !== 'agency-items' });
  const [submitApplication, submission] = useMutation(SUBMIT_APPLICATION_MUTATION);

  const itemName = (item: QueryItem) => `${item.code} ${language === 'en' ? item.nameEn : item.name}`;
  const byKey = useMemo(() => new Map((catalogue.data?.queryItems ?? []).map((item) => [item.key, item])), [catalogue.data]);
  const agencyHeld = useMemo(() => [...new Set((agencyGrants.data?.agencyGrants.nodes ?? []).map((grant) => grant.itemKey))], [agencyGrants.data]);
  const mine = useMemo(() => new Set(context.myGrants.map((grant) => grant.itemKey)), [context.myGrants]);
  const currentBases = context.legalBases.filter((candidate) => candidate.repealedOn === null);

  // Which items the form offers, by kind and operation.
  const addable: string[] =
    kind === 'user-account'
      ? agencyHeld.filter((key) => !mine.has(key))
      : kind === 'agency-items'
        ? (catalogue.data?.queryItems ?? []).map((item) => item.key).filter((key) => !agencyHeld.includes(key))
        : [];
  const removable: string[] = kind === 'user-account' ? [...mine] : kind === 'agency-items' ? agencyHeld : [];
  const asksAdd = (kind === 'user-account' && (operation === 'new' || operation === 'change')) || (kind === 'agency-items' && operation === 'add');
  const asksRemove = (kind === 'user-account' && operation === 'change') || (kind === 'agency-items' && operation === 'remove');
  const asksBusinessItem = kind === 'agency-items' && operation === 'add';
  const asksAdminBasis = kind === 'agency-admin-account';

  function messageOf(field: Field): ReactNode {
    const entry = errors[field];
    if (!entry) return null;
    return 'key' in entry ? t(entry.key) : describeAccessError(entry.error, messages);
  }
  const errorId = (field: Field) => id(`${field}-error`);
  const invalid = (field: Field) => (errors[field] ? true : undefined);
  const clear = (field: Field) => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    const trimmed = reason.trim();
    if (trimmed === '') found.reason = { key: 'access.validation.reasonRequired' };
    else if (trimmed.length > 2000) found.reason = { key: 'access.validation.reasonTooLong' };
    if (asksAdd && asksRemove) {
      // A change names items to add or to remove: the message goes where there is something to tick.
      if (itemsToAdd.length === 0 && itemsToRemove.length === 0) found[addable.length > 0 ? 'itemsToAdd' : 'itemsToRemove'] = { key: 'access.validation.itemsRequired' };
    } else if (asksAdd && itemsToAdd.length === 0) {
      found.itemsToAdd = { key: 'access.validation.itemsRequired' };
    } else if (asksRemove && itemsToRemove.length === 0) {
      found.itemsToRemove = { key: 'access.validation.itemsRequired' };
    }
    if (asksBusinessItem) {
      if (businessChoice === 'existing') {
        if (!businessItemId) found.businessItemId = { key: 'access.validation.businessItemRequired' };
      } else {
        if (businessName.trim() === '') found.businessItemName = { key: 'access.validation.businessItemNameRequired' };
        if (businessPurpose.trim() === '') found.businessItemPurpose = { key: 'access.validation.purposeRequired' };
        if (unitIds.length === 0) found.units = { key: 'access.validation.unitsRequired' };
        if (basis === '') found.basis = { key: 'access.validation.legalBasisRequired' };
        if (basis === NEW_BASIS) {
          if (newBasis.category !== 'other' && newBasis.laws.trim() === '') found.newBasisLaws = { key: 'access.validation.newBasisLawsRequired' };
          if (newBasis.purpose.trim() === '') found.newBasisPurpose = { key: 'access.validation.newBasisPurposeRequired' };
        }
      }
    }
    if (asksAdminBasis && rule?.legalBasisRequired && adminBasis === '') found.adminBasis = { key: 'access.validation.legalBasisRequired' };
    if (rule?.personalDataAcknowledgementRequired && !acknowledged) found.ack = { key: 'access.validation.acknowledgementRequired' };
    return found;
  }

  function input(): ApplicationInput {
    return {
      kind,
      operation,
      reason: reason.trim(),
      personalDataAcknowledged: acknowledged,
      itemsToAdd: asksAdd ? itemsToAdd : [],
      itemsToRemove: asksRemove ? itemsToRemove : [],
      businessItemId: asksBusinessItem && businessChoice === 'existing' ? businessItemId : null,
      businessItem:
        asksBusinessItem && businessChoice === 'new'
          ? {
              name: businessName.trim(),
              purpose: businessPurpose.trim(),
              unitIds,
              legalBasisId: basis !== NEW_BASIS ? basis : null,
              legalBasis:
                basis === NEW_BASIS
                  ? { kind: newBasis.kind, category: newBasis.category, laws: newBasis.laws.trim() || null, purpose: newBasis.purpose.trim() }
                  : null,
            }
          : null,
      legalBasisId: asksAdminBasis && adminBasis ? adminBasis : null,
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submission.loading) return;
    const found = validate();
    setErrors(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) {
      setFormError(t('access.apply.fixErrors'));
      focusField(first);
      return;
    }
    setFormError(null);
    try {
      const result = await submitApplication({ variables: { input: input() } });
      const created = result.data?.submitApplication;
      if (created) window.location.hash = `#/access/application?id=${encodeURIComponent(created.id)}`;
    } catch (caught) {
      // Everything typed stays; the refusal is shown next to its field where the gateway names one.
      const serverField = errorField(caught);
      const field = (serverField ? SERVER_FIELDS[serverField] : undefined) ?? CODE_FIELDS[errorCode(caught) ?? ''];
      if (field) {
        setErrors({ [field]: { error: caught } });
        setFormError(t('access.apply.fixErrors'));
        focusField(field);
      } else {
        setFormError(describeAccessError(caught, messages));
      }
    }
  }

  function toggle(list: string[], setList: (next: string[]) => void, key: string, field: Field) {
    setList(list.includes(key) ? list.filter((candidate) => candidate !== key) : [...list, key]);
    clear(field);
  }

  function itemChoices(keys: string[], selected: string[], setSelected: (next: string[]) => void, field: Field, emptyKey: MessageKey) {
    if (catalogue.loading || agencyGrants.loading) return <Loading />;
    if (catalogue.error) return <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />;
    if (agencyGrants.error) return <QueryError error={agencyGrants.error} onRetry={() => agencyGrants.refetch()} />;
    if (keys.length === 0) return <p className="muted">{t(emptyKey)}</p>;
    const sorted = [...keys].sort((a, b) => a.localeCompare(b));
    return (
      <ul className="choice-list choice-columns">
        {sorted.map((key, index) => {
          const item = byKey.get(key);
          return (
            <li key={key}>
              <label>
                <input
                  type="checkbox"
                  name={field}
                  value={key}
                  data-field={index === 0 ? field : undefined}
                  checked={selected.includes(key)}
                  aria-invalid={invalid(field)}
                  aria-describedby={describedBy(errorId(field))}
                  onChange={() => toggle(selected, setSelected, key, field)}
                />
                <span>{item ? itemName(item) : key}</span>
              </label>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <form className="access-form" noValidate aria-busy={submission.loading} onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('access.apply.kind')}</legend>
        <ul className="choice-list">
          {forms.kinds.map((candidate, index) => (
            <li key={candidate.kind}>
              <label>
                <input
                  type="radio"
                  name="kind"
                  value={candidate.kind}
                  data-field={index === 0 ? 'kind' : undefined}
                  disabled={!candidate.available}
                  checked={kind === candidate.kind}
                  aria-describedby={describedBy(errorId('kind'))}
                  onChange={() => {
                    setKind(candidate.kind);
                    setErrors({});
                  }}
                />
                <span>
                  {t('access.apply.kindOption', { number: candidate.form?.number ?? '', kind: codeLabel('access.kind', candidate.kind) })}
                  {candidate.form ? <span className="muted">　{candidate.form.title}</span> : null}
                  {!candidate.available ? (
                    <span className="muted"> {t('access.apply.kindUnavailable', { city: cityName, citation: candidate.availableCitation })}</span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldMessage id={errorId('kind')}>{messageOf('kind')}</FieldMessage>
      </fieldset>

      {rule ? (
        <fieldset>
          <legend>{t('access.apply.operation')}</legend>
          <ul className="choice-list">
            {rule.operations.map((candidate, index) => (
              <li key={candidate}>
                <label>
                  <input
                    type="radio"
                    name="operation"
                    value={candidate}
                    data-field={index === 0 ? 'operation' : undefined}
                    checked={operation === candidate}
                    aria-describedby={describedBy(errorId('operation'))}
                    onChange={() => {
                      setOperation(candidate);
                      clear('operation');
                    }}
                  />
                  <span>{codeLabel('access.operation', candidate)}</span>
                </label>
              </li>
            ))}
          </ul>
          <p className="citation">{t('common.citation', { citation: rule.operationsCitation })}</p>
          <FieldMessage id={errorId('operation')}>{messageOf('operation')}</FieldMessage>
        </fieldset>
      ) : null}

      {asksAdminBasis ? (
        <div className="field">
          <label htmlFor={id('adminBasis')}>{t('access.apply.legalBasis')}</label>
          <select
            id={id('adminBasis')}
            data-field="adminBasis"
            value={adminBasis}
            aria-invalid={invalid('adminBasis')}
            aria-describedby={describedBy(id('adminBasis-hint'), errorId('adminBasis'))}
            onChange={(event) => {
              setAdminBasis(event.target.value);
              clear('adminBasis');
            }}
          >
            <option value="">{t('access.apply.legalBasisChoice')}</option>
            {currentBases.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {t('access.apply.legalBasisOption', { category: codeLabel('access.category', candidate.category), laws: candidate.laws ?? candidate.purpose })}
              </option>
            ))}
          </select>
          {rule?.legalBasisRequired ? (
            <p id={id('adminBasis-hint')} className="field-hint">
              {t('access.apply.legalBasisRequired', { citation: rule.legalBasisCitation })}
            </p>
          ) : null}
          <FieldMessage id={errorId('adminBasis')}>{messageOf('adminBasis')}</FieldMessage>
        </div>
      ) : null}

      {asksAdd ? (
        <fieldset aria-describedby={describedBy(kind === 'user-account' && id('items-hint'), errorId('itemsToAdd'))}>
          <legend>{kind === 'agency-items' ? t('access.apply.itemsToAddAgency') : t('access.apply.itemsToAdd')}</legend>
          {kind === 'user-account' ? (
            <p id={id('items-hint')} className="field-hint">
              {t('access.apply.itemsHint')}
            </p>
          ) : null}
          {itemChoices(addable, itemsToAdd, setItemsToAdd, 'itemsToAdd', 'access.apply.noItemsToAdd')}
          <FieldMessage id={errorId('itemsToAdd')}>{messageOf('itemsToAdd')}</FieldMessage>
        </fieldset>
      ) : null}

      {asksRemove ? (
        <fieldset aria-describedby={errorId('itemsToRemove')}>
          <legend>{t('access.apply.itemsToRemove')}</legend>
          {itemChoices(removable, itemsToRemove, setItemsToRemove, 'itemsToRemove', 'access.apply.noItemsToRemove')}
          <FieldMessage id={errorId('itemsToRemove')}>{messageOf('itemsToRemove')}</FieldMessage>
        </fieldset>
      ) : null}

      {asksBusinessItem ? (
        <fieldset>
          <legend>{t('access.apply.businessItem')}</legend>
          <ul className="choice-list">
            {(['new', 'existing'] as const).map((choice) => (
              <li key={choice}>
                <label>
                  <input
                    type="radio"
                    name="businessChoice"
                    value={choice}
                    checked={businessChoice === choice}
                    onChange={() => setBusinessChoice(choice)}
                  />
                  <span>{choice === 'new' ? t('access.apply.businessItemNew') : t('access.apply.businessItemExisting')}</span>
                </label>
              </li>
            ))}
          </ul>
          {businessChoice === 'existing' ? (
            <div className="field">
              <label htmlFor={id('businessItemId')}>{t('access.apply.businessItemExisting')}</label>
              <select
                id={id('businessItemId')}
                data-field="businessItemId"
                value={businessItemId}
                aria-invalid={invalid('businessItemId')}
                aria-describedby={describedBy(errorId('businessItemId'))}
                onChange={(event) => {
                  setBusinessItemId(event.target.value);
                  clear('businessItemId');
                }}
              >
                <option value="">{t('access.apply.businessItemChoice')}</option>
                {(businessItems.data?.businessItems.nodes ?? [])
                  .filter((entry) => entry.endedAt === null)
                  .map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {entry.name}
                    </option>
                  ))}
              </select>
              <FieldMessage id={errorId('businessItemId')}>{messageOf('businessItemId')}</FieldMessage>
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor={id('businessItemName')}>{t('access.apply.businessItemName')}</label>
                <input
                  id={id('businessItemName')}
                  type="text"
                  data-field="businessItemName"
                  maxLength={200}
                  value={businessName}
                  aria-invalid={invalid('businessItemName')}
                  aria-describedby={describedBy(errorId('businessItemName'))}
                  onChange={(event) => {
                    setBusinessName(event.target.value);
                    clear('businessItemName');
                  }}
                />
                <FieldMessage id={errorId('businessItemName')}>{messageOf('businessItemName')}</FieldMessage>
              </div>
              <div className="field">
                <label htmlFor={id('businessItemPurpose')}>{t('access.apply.businessItemPurpose')}</label>
                <input
                  id={id('businessItemPurpose')}
                  type="text"
                  data-field="businessItemPurpose"
                  maxLength={500}
                  value={businessPurpose}
                  aria-invalid={invalid('businessItemPurpose')}
                  aria-describedby={describedBy(errorId('businessItemPurpose'))}
                  onChange={(event) => {
                    setBusinessPurpose(event.target.value);
                    clear('businessItemPurpose');
                  }}
                />
                <FieldMessage id={errorId('businessItemPurpose')}>{messageOf('businessItemPurpose')}</FieldMessage>
              </div>
              <fieldset aria-describedby={errorId('units')}>
                <legend>{t('access.apply.units')}</legend>
                <ul className="choice-list">
                  {(context.me?.agency.units ?? []).map((unit, index) => (
                    <li key={unit.id}>
                      <label>
                        <input
                          type="checkbox"
                          data-field={index === 0 ? 'units' : undefined}
                          checked={unitIds.includes(unit.id)}
                          aria-invalid={invalid('units')}
                          onChange={() => toggle(unitIds, setUnitIds, unit.id, 'units')}
                        />
                        <span>{localizedName(unit, language)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
                <FieldMessage id={errorId('units')}>{messageOf('units')}</FieldMessage>
              </fieldset>
              <div className="field">
                <label htmlFor={id('basis')}>{t('access.apply.legalBasis')}</label>
                <select
                  id={id('basis')}
                  data-field="basis"
                  value={basis}
                  aria-invalid={invalid('basis')}
                  aria-describedby={describedBy(errorId('basis'))}
                  onChange={(event) => {
                    setBasis(event.target.value);
                    clear('basis');
                  }}
                >
                  <option value="">{t('access.apply.legalBasisChoice')}</option>
                  {currentBases.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {t('access.apply.legalBasisOption', { category: codeLabel('access.category', candidate.category), laws: candidate.laws ?? candidate.purpose })}
                      {candidate.citation ? `（${candidate.citation}）` : ''}
                    </option>
                  ))}
                  <option value={NEW_BASIS}>{t('access.apply.legalBasisNew')}</option>
                </select>
                <FieldMessage id={errorId('basis')}>{messageOf('basis')}</FieldMessage>
              </div>
              {basis === NEW_BASIS ? (
                <>
                  <div className="field">
                    <label htmlFor={id('newBasisKind')}>{t('access.apply.newBasisKind')}</label>
                    <select id={id('newBasisKind')} value={newBasis.kind} onChange={(event) => setNewBasis({ ...newBasis, kind: event.target.value })}>
                      {BASIS_KINDS.map((candidate) => (
                        <option key={candidate} value={candidate}>
                          {codeLabel('access.basisKind', candidate)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={id('newBasisCategory')}>{t('access.apply.newBasisCategory')}</label>
                    <select
                      id={id('newBasisCategory')}
                      value={newBasis.category}
                      onChange={(event) => setNewBasis({ ...newBasis, category: event.target.value })}
                    >
                      {CATEGORIES.map((candidate) => (
                        <option key={candidate} value={candidate}>
                          {codeLabel('access.category', candidate)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={id('newBasisLaws')}>{t('access.apply.newBasisLaws')}</label>
                    <input
                      id={id('newBasisLaws')}
                      type="text"
                      data-field="newBasisLaws"
                      maxLength={500}
                      value={newBasis.laws}
                      aria-invalid={invalid('newBasisLaws')}
                      aria-describedby={describedBy(errorId('newBasisLaws'))}
                      onChange={(event) => {
                        setNewBasis({ ...newBasis, laws: event.target.value });
                        clear('newBasisLaws');
                      }}
                    />
                    <FieldMessage id={errorId('newBasisLaws')}>{messageOf('newBasisLaws')}</FieldMessage>
                  </div>
                  <div className="field">
                    <label htmlFor={id('newBasisPurpose')}>{t('access.apply.newBasisPurpose')}</label>
                    <input
                      id={id('newBasisPurpose')}
                      type="text"
                      data-field="newBasisPurpose"
                      maxLength={500}
                      value={newBasis.purpose}
                      aria-invalid={invalid('newBasisPurpose')}
                      aria-describedby={describedBy(errorId('newBasisPurpose'))}
                      onChange={(event) => {
                        setNewBasis({ ...newBasis, purpose: event.target.value });
                        clear('newBasisPurpose');
                      }}
                    />
                    <FieldMessage id={errorId('newBasisPurpose')}>{messageOf('newBasisPurpose')}</FieldMessage>
                  </div>
                </>
              ) : null}
            </>
          )}
        </fieldset>
      ) : null}

      <div className="field">
        <label htmlFor={id('reason')}>{t('access.apply.reason')}</label>
        <textarea
          id={id('reason')}
          data-field="reason"
          maxLength={4000}
          value={reason}
          aria-invalid={invalid('reason')}
          aria-describedby={describedBy(id('reason-hint'), errorId('reason'))}
          onChange={(event) => {
            setReason(event.target.value);
            clear('reason');
          }}
        />
        <p id={id('reason-hint')} className="field-hint">
          {t('access.apply.reasonHint')}
        </p>
        <FieldMessage id={errorId('reason')}>{messageOf('reason')}</FieldMessage>
      </div>

      {rule?.personalDataAcknowledgementRequired ? (
        <fieldset>
          <legend>{t('access.apply.acknowledgement')}</legend>
          <p className="reminder" id={id('ack-text')}>
            {t('access.apply.acknowledgementText')}
          </p>
          <label className="checkbox-field">
            <input
              type="checkbox"
              data-field="ack"
              checked={acknowledged}
              aria-invalid={invalid('ack')}
              aria-describedby={describedBy(id('ack-text'), id('ack-citation'), errorId('ack'))}
              onChange={(event) => {
                setAcknowledged(event.target.checked);
                clear('ack');
              }}
            />
            <span>{t('access.apply.acknowledgementTick')}</span>
          </label>
          <p id={id('ack-citation')} className="citation">
            {t('access.apply.acknowledgementCitation', { citation: rule.personalDataAcknowledgementCitation })}
          </p>
          <FieldMessage id={errorId('ack')}>{messageOf('ack')}</FieldMessage>
        </fieldset>
      ) : null}

      {rule && rule.steps.length > 0 ? (
        <section aria-labelledby={id('chain')}>
          <h2 id={id('chain')} className="section-title">
            {t('access.apply.chain')}
          </h2>
          <ol className="chain-list">
            {rule.steps.map((step, index) => (
              <li key={index}>
                {t('access.apply.chainStep', { title: step.title, role: roleName(step.role) })}
                {step.onlyForCommissionedAgency ? <span className="muted">{t('access.apply.chainCommissioned')}</span> : null}{' '}
                <span className="citation">{step.citation}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <p className="form-error" role="alert">
        {formError}
      </p>
      <div>
        <button type="submit" className="button button-primary" disabled={submission.loading}>
          {submission.loading ? t('access.apply.submitting') : t('access.apply.submit')}
        </button>
      </div>
    </form>
  );
}
