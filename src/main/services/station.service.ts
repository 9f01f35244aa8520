import path from 'node:path';
import type { SignedInOperator } from '../dispatcher';
import { ensureStation } from '../store/repositories/stations.repository';
import { readSetting } from '../store/repositories/settings.repository';
import type { Actor } from '../store/repositories/work-session.repository';
import type { Store } from '../store/store';

/** This workstation: its row in the store and its local settings. */
export class StationService {
  readonly #store: Store;
  readonly name: string;
  readonly id: number;

  constructor(store: Store, name: string) {
    this.#store = store;
    this.name = name;
    this.id = store.write(() => ensureStation(store.statements, name, new Date().toISOString()));
  }

  /** Who an action is recorded against: this station and the signed-in operator's shift. */
  actor(operator: SignedInOperator | null): Actor {
    return { stationId: this.id, operatorId: operator?.id ?? null, shiftId: operator?.shiftId ?? null };
  }

  /** Which optional ship stages this station runs (weigh needs a scale, print a printer). */
  shipStages(): { weigh: boolean; print: boolean } {
    const stored = readSetting(this.#store.statements, `station.${this.name}.stages`) as
      { weigh?: boolean; print?: boolean } | undefined;
    return { weigh: stored?.weigh ?? false, print: stored?.print ?? false };
  }

  /** Where exports are written: a station setting, else `exports/` beside the store. */
  exportFolder(dataDir: string): string {
    const stored = readSetting(this.#store.statements, `station.${this.name}.exportFolder`);
    return typeof stored === 'string' && stored ? stored : path.join(dataDir, 'exports');
  }

  /** Where received units are put away; a station setting with a sensible default. */
  receivingLocation(): { warehouse: string | null; location: string | null } {
    const stored = readSetting(this.#store.statements, `station.${this.name}.receiving`) as
      { warehouse?: string; location?: string } | undefined;
    return { warehouse: stored?.warehouse ?? 'MAIN', location: stored?.location ?? 'RECEIVING' };
  }
}
