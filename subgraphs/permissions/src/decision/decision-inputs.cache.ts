import type { AgencyGrantSpan, NetworkSpan, UserGrantSpan } from './query-decision';

export interface AccountInputs {
  userGrants: UserGrantSpan[];
}

export interface AgencyInputs {
  agencyGrants: AgencyGrantSpan[];
  networks: NetworkSpan[];
}

/** A change to decision inputs, as the database announces it (see the notify_decision_inputs_changed trigger). */
export interface InputsChange {
  city: string;
  account?: string;
  agency?: string;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export interface DecisionInputsCacheOptions {
  /** A safety net only: entries are dropped on change notifications long before this. */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Decision inputs (an account's grants, an agency's grants and networks) shared by every request of
 * this process, keyed by city so one city's entry can never answer another's key. Entries are only
 * trusted while the change listener is connected (`enabled`); each change notification drops the
 * affected entries and advances `epoch`, and a load that began before a change is not stored — so a
 * read racing a revoke can never put the pre-revoke grants back.
 */
export class DecisionInputsCache {
  private readonly accounts = new Map<string, Entry<AccountInputs>>();
  private readonly agencies = new Map<string, Entry<AgencyInputs>>();
  private currentEpoch = 0;
  private enabled = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  readonly stats = { hits: 0, misses: 0, invalidations: 0 };

  constructor(options: DecisionInputsCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Trust entries from now on (the listener is connected); everything cached before is dropped. */
  enable(): void {
    this.clear();
    this.enabled = true;
  }

  /** Stop trusting entries (the listener lost its connection): every read goes to the database. */
  disable(): void {
    this.enabled = false;
    this.clear();
  }

  getAccount(cityId: string, accountId: string): AccountInputs | undefined {
    return this.get(this.accounts, key(cityId, accountId));
  }

  getAgency(cityId: string, agencyId: string): AgencyInputs | undefined {
    return this.get(this.agencies, key(cityId, agencyId));
  }

  setAccount(cityId: string, accountId: string, value: AccountInputs, loadedInEpoch: number): void {
    this.set(this.accounts, key(cityId, accountId), value, loadedInEpoch);
  }

  setAgency(cityId: string, agencyId: string, value: AgencyInputs, loadedInEpoch: number): void {
    this.set(this.agencies, key(cityId, agencyId), value, loadedInEpoch);
  }

  invalidate(change: InputsChange): void {
    this.currentEpoch += 1;
    this.stats.invalidations += 1;
    if (change.account) this.accounts.delete(key(change.city, change.account));
    if (change.agency) this.agencies.delete(key(change.city, change.agency));
    if (!change.account && !change.agency) {
      // A city-wide change (e.g. a legal basis repealed): drop the city's entries.
      const prefix = `${change.city}\u0000`;
      for (const map of [this.accounts, this.agencies] as Array<Map<string, unknown>>) {
        for (const entryKey of map.keys()) if (entryKey.startsWith(prefix)) map.delete(entryKey);
      }
    }
  }

  clear(): void {
    this.currentEpoch += 1;
    this.accounts.clear();
    this.agencies.clear();
  }

  private get<T>(map: Map<string, Entry<T>>, entryKey: string): T | undefined {
    if (!this.enabled) return undefined;
    const entry = map.get(entryKey);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) map.delete(entryKey);
      this.stats.misses += 1;
      return undefined;
    }
    this.stats.hits += 1;
    return entry.value;
  }

  private set<T>(map: Map<string, Entry<T>>, entryKey: string, value: T, loadedInEpoch: number): void {
    if (!this.enabled || loadedInEpoch !== this.currentEpoch) return;
    map.delete(entryKey);
    map.set(entryKey, { value, expiresAt: this.now() + this.ttlMs });
    // Oldest first: Map keeps insertion order.
    while (map.size > this.maxEntries) map.delete(map.keys().next().value!);
  }
}

function key(cityId: string, id: string): string {
  return `${cityId}\u0000${id}`;
}
