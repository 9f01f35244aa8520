import { useCallback, useRef, useState } from 'react';
import { initialShipState, shipTransition, type ShipAction, type ShipState } from './ship-state';

/**
 * The ship wizard's state, readable synchronously between awaits. Scans are handled one after
 * another in arrival order, and each must see what the one before it left (a SHIP scan ends the
 * order, so the scan after it starts the next), which a render-time snapshot cannot promise.
 */
export function useShipMachine(): {
  readonly state: ShipState;
  readonly dispatch: (action: ShipAction) => void;
  readonly current: () => ShipState;
} {
  const ref = useRef<ShipState>(initialShipState());
  const [state, setState] = useState<ShipState>(ref.current);
  const dispatch = useCallback((action: ShipAction) => {
    ref.current = shipTransition(ref.current, action);
    setState(ref.current);
  }, []);
  const current = useCallback(() => ref.current, []);
  return { state, dispatch, current };
}
