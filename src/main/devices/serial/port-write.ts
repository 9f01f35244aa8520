/**
 * Writes to a serial port without ever hanging. The serialport stream queues a write made
 * while the port is closed until the port opens again, and a port closed by an unplug never
 * opens again: the callback would never run, and whoever awaits it would wait for good. Here
 * a write on a closed port fails at once, and a write in flight fails when the port closes
 * under it.
 *
 * There is deliberately no drain (tcdrain): on a virtual port whose other end stopped
 * reading it blocks a libuv worker thread for good, and four of those stall every file and
 * port read in the process.
 */

import type { SerialPort } from 'serialport';

export class PortClosedError extends Error {
  constructor(message = 'The port is closed') {
    super(message);
    this.name = 'PortClosedError';
  }
}

export function writeToPort(port: SerialPort, data: string | Buffer): Promise<void> {
  if (!port.isOpen) return Promise.reject(new PortClosedError());
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      port.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onClose = () => finish(new PortClosedError('The port closed before the data was sent'));
    port.once('close', onClose);
    port.write(data, (error) => finish(error ?? null));
  });
}
