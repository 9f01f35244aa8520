import crypto from 'node:crypto';
import { GENESIS_HASH } from '../../src/main/store/ledger';

export interface ChainedEvent {
  readonly type: string;
  readonly at: string;
  readonly unit_id: number | null;
  readonly product_id: number | null;
  readonly serial: string | null;
  readonly serial_key: string | null;
  readonly station_id: number | null;
  readonly operator_id: number | null;
  readonly shift_id: number | null;
  readonly reference: string | null;
  readonly details: string;
}

/**
 * Links events the way src/main/store/ledger.ts does (same canonical JSON, same SHA-256),
 * so a ledger written in bulk verifies with verifyLedger like one written event by event.
 */
export class LedgerChain {
  #prev = GENESIS_HASH;

  get head(): string {
    return this.#prev;
  }

  /** Returns [prev_hash, hash] for the next event and advances the chain. */
  link(e: ChainedEvent): readonly [string, string] {
    const prev = this.#prev;
    const canonical = JSON.stringify([
      prev,
      e.type,
      e.at,
      e.unit_id,
      e.product_id,
      e.serial,
      e.serial_key,
      e.station_id,
      e.operator_id,
      e.shift_id,
      e.reference,
      e.details,
    ]);
    this.#prev = crypto.hash('sha256', canonical, 'hex');
    return [prev, this.#prev];
  }
}
