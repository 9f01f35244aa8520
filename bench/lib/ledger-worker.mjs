// Worker entry: teaches this thread TypeScript, then runs the ledger builder.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./ledger-build.ts', import.meta.url).href);
