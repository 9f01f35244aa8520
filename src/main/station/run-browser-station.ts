import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { createAppContext } from '../app-context';
import { simulatedDevicesReport } from '../devices/demo-devices';
import { resolveDataDir } from '../paths';
import { startBrowserStation } from './browser-station';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Entry for browser station mode: the station's services in Node, the screens in Chromium. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      station: { type: 'string' },
      'renderer-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      'demo-devices': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dataDir = resolveDataDir(values['data-dir']);
  let context;
  try {
    context = createAppContext({
      dataDir,
      mode: 'browser',
      stationName: values.station,
      startDevices: true,
      demoDevices: values['demo-devices'],
    });
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Packbench cannot open its store: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const station = await startBrowserStation({
    context,
    rendererDir: values['renderer-dir'] ?? path.resolve('out/renderer'),
    port: values.port ? Number(values.port) : 0,
  });
  console.log(`Packbench browser station: ${station.url}`);
  console.log(`Data: ${dataDir}`);
  if (values['demo-devices'] || context.services.demoDevices.chosen()) {
    for (const line of await simulatedDevicesReport(context.services.demoDevices)) console.log(line);
  }

  const chromium = CHROMIUM_CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!values['no-open'] && chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    const profile = path.join(dataDir, 'browser-profile');
    spawn(chromium, [`--app=${station.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync'], {
      stdio: 'ignore',
      detached: true,
    }).unref();
  } else {
    console.log('Open the address above in Chromium or another browser on this machine.');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await station.close();
    await context.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
