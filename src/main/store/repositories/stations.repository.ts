import type { StatementCache } from '../statements';

/** The station row for this workstation's name, created on first use. */
export function ensureStation(s: StatementCache, name: string, now: string): number {
  const existing = s.sql<[string], { id: number }>('SELECT id FROM stations WHERE name = ?').get(name);
  if (existing) return existing.id;
  return Number(s.sql('INSERT INTO stations (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
}
