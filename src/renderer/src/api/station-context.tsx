import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, StationLink } from './index';

const StationContext = createContext<StationLink | null>(null);

export function StationProvider({ link, children }: { readonly link: StationLink; readonly children: ReactNode }) {
  return <StationContext.Provider value={link}>{children}</StationContext.Provider>;
}

export function useStation(): StationLink {
  const link = useContext(StationContext);
  if (!link) throw new Error('useStation must be used inside <StationProvider>.');
  return link;
}

export function useConnection(): ConnectionState {
  const { connection } = useStation();
  return useSyncExternalStore(
    (listener) => connection.subscribe(listener),
    () => connection.current(),
  );
}
