import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/packbench.mjs');

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout (or stderr), or fails after `timeoutMs`. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<RegExpExecArray>;
}

const running: Running[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const process of running.splice(0)) {
    if (process.child.exitCode === null && process.child.signalCode === null) {
      process.child.kill('SIGINT');
      const stopped = await Promise.race([process.exited.then(() => true), sleep(5000).then(() => false)]);
      if (!stopped) process.child.kill('SIGKILL');
    }
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-cli-devices-'));
  dirs.push(dir);
  return dir;
}

/** Starts `packbench ARGS` and keeps it running; stdin stays open until the test ends it. */
function start(args: readonly string[]): Running {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: Running = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitFor(pattern, stream = 'stdout', timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stream === 'stdout' ? stdout : stderr);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${pattern} in ${stream}.\nstdout: ${stdout}\nstderr: ${stderr}`);
        await sleep(50);
      }
    },
  };
  running.push(handle);
  return handle;
}

/** Runs `packbench ARGS` to the end. */
async function run(args: readonly string[], input = '') {
  const process = start(args);
  process.child.stdin?.end(input);
  const code = await Promise.race([process.exited, sleep(45_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') throw new Error(`packbench ${args.join(' ')} did not finish:\n${process.stderr()}`);
  return { code, stdout: process.stdout(), stderr: process.stderr() };
}

/** Starts `simulate scale` and returns the port a driver connects to. */
async function scaleSimulator(protocol: string, extra: readonly string[] = []) {
  const sim = start(['simulate', 'scale', '--protocol', protocol, '--json', ...extra]);
  const line = await sim.waitFor(/^\{.*\}$/m);
  const { port } = JSON.parse(line[0]) as { port: string };
  expect(fs.existsSync(port)).toBe(true);
  return { sim, port };
}

describe('packbench devices weigh against the simulated serial scale', () => {
  // Toledo replies carry no unit: both ends are set to kilograms so the weight comes back exact.
  const cases = [
    ['mt-sics', []],
    ['toledo', ['--unit', 'kg']],
    ['nci', []],
    ['continuous', []],
  ] as const;

  it.each(cases)('%s: prints the stable weight as JSON and as a line for people', async (protocol, unit) => {
    const { port } = await scaleSimulator(protocol, ['--grams', '1250', ...unit]);
    const json = await run(['devices', 'weigh', '--port', port, '--protocol', protocol, ...unit, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ grams: 1250, stable: true });

    const human = await run(['devices', 'weigh', '--port', port, '--protocol', protocol, ...unit]);
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toBe('1250 g, stable');
  });

  it('gives up on a scale stuck in motion with a clear message and exit 1', async () => {
    const { sim, port } = await scaleSimulator('mt-sics', ['--grams', '800']);
    sim.child.stdin?.write('motion\n');
    await sim.waitFor(/Scale: moving/, 'stderr');
    const result = await run([
      'devices',
      'weigh',
      '--port',
      port,
      '--protocol',
      'mt-sics',
      '--timeout',
      '1.5',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The scale kept moving for 1\.5 s — let the parcel settle and weigh again\./);
    expect(JSON.parse(result.stdout)).toMatchObject({ grams: null, stable: false, status: 'motion' });
  });

  it('the simulator stops when its input ends, and weighing it afterwards says nothing is plugged in', async () => {
    const { sim, port } = await scaleSimulator('nci');
    sim.child.stdin?.end();
    expect(await sim.exited).toBe(0);
    const result = await run(['devices', 'weigh', '--port', port, '--protocol', 'nci']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Nothing is plugged in at ${port}`);
  });
});

describe('packbench devices print-test', () => {
  it('prints a serial label on the simulated TCP printer, which keeps the job', async () => {
    const dir = tempDir();
    const sim = start(['simulate', 'printer', '--port', '0', '--dir', dir]);
    const [url] = await sim.waitFor(/tcp:\/\/127\.0\.0\.1:\d+/);
    const result = await run(['devices', 'print-test', '--printer', url, '--serial', 'SN-CLI-1', '--sku', 'PH-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Label sent to the printer at ${url.replace('tcp://', '')}.`);
    expect(result.stdout).toContain('Printer status: Ready');

    await sim.waitFor(/Label 1 received/);
    const saved = path.join(dir, 'label-0001.zpl');
    expect(sim.stdout()).toContain(`saved to ${saved}`);
    expect(fs.readFileSync(saved, 'utf8')).toContain('^FD>:SN-CLI-1^FS');

    sim.child.kill('SIGINT');
    expect(await sim.exited).toBe(0);
    expect(sim.stdout().trim().split('\n').at(-1)).toBe('Printer simulator stopped after 1 label(s).');
  });

  it('reports paper out with exit 1', async () => {
    const printer = await PrinterSimulator.start({ port: 0 });
    try {
      printer.setFaults({ paperOut: true });
      const result = await run(['devices', 'print-test', '--printer', printer.url, '--serial', 'SN-CLI-2', '--json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, status: { detail: 'Paper out' } });
    } finally {
      await printer.close();
    }
  });

  it('writes the label to a folder given as file:PATH', async () => {
    const dir = tempDir();
    const result = await run(['devices', 'print-test', '--printer', `file:${dir}`, '--serial', 'SN-CLI-3']);
    expect(result.code).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(result.stdout).toContain(`Label saved to ${path.join(dir, files[0]!)}.`);
    expect(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).toContain('SN-CLI-3');
  });

  it('says so when the printer takes the connection but never answers', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.resume(); // swallows the label and the status request, says nothing
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const result = await run(['devices', 'print-test', '--printer', `tcp://127.0.0.1:${port}`, '--serial', 'S-1']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/the printer is not answering/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('packbench devices scan-test against the simulated serial scanner', () => {
  const scans = ['SN-0001', ']C0ABC-123', ']d2010950110153000321SN77<GS>10LOT7'];

  async function scannerSimulator() {
    const file = path.join(tempDir(), 'scans.txt');
    fs.writeFileSync(file, `# demo scans\n${scans.join('\n')}\n`);
    const sim = start(['simulate', 'scanner', '--scans', file, '--json']);
    const line = await sim.waitFor(/^\{.*\}$/m);
    return { sim, port: (JSON.parse(line[0]) as { port: string }).port };
  }

  it('prints each scan as a ScanEvent JSON line and stops on Ctrl-C', async () => {
    const { sim, port } = await scannerSimulator();
    const test = start(['devices', 'scan-test', '--port', port, '--json']);
    await test.waitFor(/Scan barcodes now/, 'stderr');
    sim.child.stdin?.write('\n\n\n');
    await test.waitFor(/(.*\n){3}/);
    test.child.kill('SIGINT');
    expect(await test.exited).toBe(0);
    const events = test
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.text)).toEqual([
      'SN-0001',
      ']C0ABC-123',
      ']d2010950110153000321SN77\u001d10LOT7',
    ]);
    expect(events.map((event) => event.symbology)).toEqual([undefined, 'Code 128', 'GS1 DataMatrix']);
    expect(events.every((event) => event.source === 'serial' && typeof event.receivedAt === 'string')).toBe(true);
  });

  it('prints one line per scan for people and stops when its input ends', async () => {
    const { sim, port } = await scannerSimulator();
    const test = start(['devices', 'scan-test', '--port', port]);
    await test.waitFor(/Scan barcodes now/, 'stderr');
    sim.child.stdin?.write('\n\n\n');
    await test.waitFor(/GS1 DataMatrix/);
    test.child.stdin?.end();
    expect(await test.exited).toBe(0);
    expect(test.stdout().trim().split('\n')).toEqual([
      'SN-0001',
      ']C0ABC-123  [Code 128]',
      ']d2010950110153000321SN77<GS>10LOT7  [GS1 DataMatrix]',
    ]);
  });
});

describe('packbench devices list', () => {
  it('lists what is attached, with what each can be used as', async () => {
    const result = await run(['--json', 'devices', 'list']);
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout) as Record<string, { use?: string }[] | string[]>;
    expect(Object.keys(found).sort()).toEqual(['hid', 'problems', 'serialPorts', 'usbPrinters']);
    for (const port of found.serialPorts as { use: string }[]) expect(port.use).toMatch(/scanner or serial scale/);
    const human = await run(['devices', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Serial ports:/);
    expect(human.stdout).toContain('USB label printers:');
  });
});

describe('packbench device commands refuse bad input clearly', () => {
  it.each([
    [
      ['devices', 'weigh', '--port', '/dev/null', '--protocol', 'sartorius'],
      /Unknown scale protocol "sartorius": use one of mt-sics, toledo, nci, continuous\./,
    ],
    [
      ['devices', 'weigh', '--protocol', 'nci'],
      /Say which scale to weigh with: --port PATH \(serial\) or --hid \(USB\)\./,
    ],
    [
      ['devices', 'weigh', '--port', '/dev/packbench-no-such-port', '--protocol', 'mt-sics'],
      /Nothing is plugged in at \/dev\/packbench-no-such-port/,
    ],
    [
      ['devices', 'weigh', '--port', '/dev/null', '--protocol', 'nci', '--baud', 'fast'],
      /--baud must be a number such as 9600, not "fast"/,
    ],
    [['devices', 'scan-test'], /Say which scanner to test: --port PATH/],
    [
      ['devices', 'scan-test', '--port', '/dev/packbench-no-such-port'],
      /Nothing is plugged in at \/dev\/packbench-no-such-port/,
    ],
    [['devices', 'print-test', '--serial', 'S'], /Say which printer to test: --printer tcp:\/\/HOST:PORT/],
    [['devices', 'print-test', '--printer', '10.0.0.5', '--serial', 'S'], /"10\.0\.0\.5" is not a printer address/],
    [['devices', 'print-test', '--printer', 'file:/tmp'], /Say which serial number to print/],
    [
      ['devices', 'calibrate'],
      /"devices calibrate" is not a command; use devices list, weigh, print-test or scan-test\./,
    ],
    [['simulate', 'scale', '--protocol', 'dymo'], /Unknown scale protocol "dymo"/],
    [['simulate', 'printer', '--port', 'ninety'], /--port must be a TCP port number/],
    [
      ['simulate', 'scanner', '--scans', '/nonexistent/scans.txt'],
      /There is no scan file at \/nonexistent\/scans\.txt\./,
    ],
  ] as const)('%j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^packbench: /);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('reports a printer that refuses the connection with exit 1', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await run(['devices', 'print-test', '--printer', `tcp://127.0.0.1:${port}`, '--serial', 'S-2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the connection/);
  });
});
