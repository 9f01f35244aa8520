import { DEFAULT_RULES, OrganizationRules } from '../../../shared/settings';
import type { StatementCache } from '../statements';

const RULES_KEY = 'organization.rules';

export function readSetting(statements: StatementCache, key: string): unknown {
  const row = statements.sql<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function writeSetting(statements: StatementCache, key: string, value: unknown): void {
  statements
    .sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
}

/** Stored rules over the defaults: a rule added in a later version gets its default. */
export function readRules(statements: StatementCache): OrganizationRules {
  const stored = readSetting(statements, RULES_KEY);
  const parsed = OrganizationRules.safeParse({ ...DEFAULT_RULES, ...(typeof stored === 'object' ? stored : {}) });
  return parsed.success ? parsed.data : DEFAULT_RULES;
}

export function writeRules(statements: StatementCache, rules: OrganizationRules): void {
  writeSetting(statements, RULES_KEY, OrganizationRules.parse(rules));
}
