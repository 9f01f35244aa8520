import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-shipped-serial-sorting';
import * as m0003 from './0003-shipped-serial-order-sorting';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

/** In order; versions only go up. A new migration is a new file appended here. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m0001.up },
  { version: 2, name: 'shipped-serial-sorting', up: m0002.up },
  { version: 3, name: 'shipped-serial-order-sorting', up: m0003.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
