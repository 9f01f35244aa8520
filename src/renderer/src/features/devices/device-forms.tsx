import { useId, type FormEvent, type ReactNode } from 'react';
import { IconCheck, IconError } from '../../components/icons';
import {
  BAUD_RATES,
  LABEL_SIZES,
  type PrinterDraft,
  type ScaleDraft,
  type ScaleProtocol,
  type ScannerDraft,
} from './device-drafts';
import { SCALE_PROTOCOLS } from './device-words';
import type { Discovery } from './discover-panel';

/** The answer to the last save, shown under the form's button. */
export type SaveAnswer = { readonly ok: boolean; readonly text: string } | null;

interface FormShell {
  /** Only a supervisor may change devices; everyone else sees the form read-only. */
  readonly locked: boolean;
  readonly busy: boolean;
  readonly answer: SaveAnswer;
  readonly onSave: () => void;
  readonly discovery: Discovery | null;
}

/** What each device's form is given: the draft being edited, and the save around it. */
interface DeviceFormProps<D> {
  readonly draft: D;
  readonly onChange: (draft: D) => void;
  readonly shell: FormShell;
}

/** Big radio buttons for "which kind of device", one row. */
function KindChoice<K extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  readonly legend: string;
  readonly name: string;
  readonly value: K;
  readonly options: readonly { readonly value: K; readonly words: string }[];
  readonly onChange: (value: K) => void;
}) {
  return (
    <fieldset className="kind-choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="kind-option">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.words}</span>
        </label>
      ))}
    </fieldset>
  );
}

function DeviceForm({
  title,
  testId,
  shell,
  saveLabel,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly shell: FormShell;
  readonly saveLabel: string;
  readonly children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shell.locked && !shell.busy) shell.onSave();
  };
  return (
    <form className="device-form" data-testid={testId} onSubmit={submit} aria-label={title}>
      <fieldset disabled={shell.locked} className="device-form-fields">
        {children}
        <div className="device-form-actions">
          <button type="submit" className="button button-primary" disabled={shell.busy}>
            {shell.busy ? 'Saving…' : saveLabel}
          </button>
        </div>
      </fieldset>
      {shell.answer ? (
        <p
          className={`device-answer ${shell.answer.ok ? 'device-answer-ok' : 'device-answer-bad'}`}
          role={shell.answer.ok ? 'status' : 'alert'}
          data-testid={`${testId}-answer`}
        >
          {shell.answer.ok ? <IconCheck /> : <IconError />}
          <span>{shell.answer.text}</span>
        </p>
      ) : null}
    </form>
  );
}

function TextField({
  label,
  value,
  onChange,
  placeholder,
  help,
  list,
  testId,
  inputMode,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
  readonly help?: ReactNode;
  readonly list?: string;
  readonly testId?: string;
  readonly inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        list={list}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
        aria-describedby={help ? `${id}-help` : undefined}
      />
      {help ? (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
    </div>
  );
}

function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  readonly label: string;
  readonly value: V;
  readonly options: readonly { readonly value: V; readonly words: string }[];
  readonly onChange: (value: V) => void;
  readonly testId?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as V)} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.words}
          </option>
        ))}
      </select>
    </div>
  );
}

const BAUD_OPTIONS = BAUD_RATES.map((rate) => ({ value: rate as string, words: `${rate} baud` }));

function withCurrent(options: readonly { value: string; words: string }[], current: string) {
  return options.some((o) => o.value === current) ? options : [...options, { value: current, words: current }];
}

/** Serial ports found by Find, offered as the port field's suggestions. */
export function SerialPortList({ id, discovery }: { readonly id: string; readonly discovery: Discovery | null }) {
  return (
    <datalist id={id}>
      {(discovery?.serialPorts ?? []).map((port) => (
        <option key={port.path} value={port.path}>
          {port.description}
        </option>
      ))}
    </datalist>
  );
}

/** The serial settings every serial device has: the port, offered from what Find saw, and the speed. */
function SerialPortFields({
  path,
  baudRate,
  onChange,
  placeholder,
  testId,
  discovery,
  before,
  after,
}: {
  readonly path: string;
  readonly baudRate: string;
  readonly onChange: (patch: { readonly path?: string; readonly baudRate?: string }) => void;
  readonly placeholder: string;
  readonly testId: string;
  readonly discovery: Discovery | null;
  /** The device's own fields, before the port and after the speed. */
  readonly before?: ReactNode;
  readonly after?: ReactNode;
}) {
  const portsId = useId();
  return (
    <div className="device-fields">
      {before}
      <TextField
        label="Port"
        value={path}
        onChange={(next) => onChange({ path: next })}
        placeholder={placeholder}
        list={portsId}
        testId={testId}
      />
      <SelectField
        label="Speed"
        value={baudRate}
        options={withCurrent(BAUD_OPTIONS, baudRate)}
        onChange={(next) => onChange({ baudRate: next })}
      />
      {after}
      <SerialPortList id={portsId} discovery={discovery} />
    </div>
  );
}

/** Which HID POS device of a role, or whichever of them is found first. */
function HidDeviceField({
  label,
  role,
  anyWords,
  path,
  onChange,
  discovery,
}: {
  readonly label: string;
  readonly role: 'scanner' | 'scale';
  /** The choice that takes the first one found, e.g. "The first HID POS scale found". */
  readonly anyWords: string;
  readonly path: string;
  readonly onChange: (path: string) => void;
  readonly discovery: Discovery | null;
}) {
  const found = (discovery?.hid ?? []).filter((d) => d.role === role && d.path);
  return (
    <div className="device-fields">
      <SelectField
        label={label}
        value={path}
        onChange={onChange}
        options={withCurrent(
          [{ value: '', words: anyWords }, ...found.map((d) => ({ value: d.path!, words: d.description }))],
          path,
        )}
      />
    </div>
  );
}

/**
 * How a scanner or scale is reached once its kind is chosen: which HID POS device, or which
 * serial port and speed; the other kinds need nothing more here.
 */
function ConnectionFields({
  role,
  kind,
  path,
  baudRate,
  onChange,
  placeholder,
  discovery,
  before,
  after,
}: {
  readonly role: 'scanner' | 'scale';
  readonly kind: string;
  readonly path: string;
  readonly baudRate: string;
  readonly onChange: (patch: { readonly path?: string; readonly baudRate?: string }) => void;
  /** An example port, the one this kind of device usually has. */
  readonly placeholder: string;
  readonly discovery: Discovery | null;
  /** The device's own serial fields, before the port and after the speed. */
  readonly before?: ReactNode;
  readonly after?: ReactNode;
}) {
  if (kind === 'hid-pos') {
    return (
      <HidDeviceField
        label={`Which ${role}`}
        role={role}
        anyWords={`The first HID POS ${role} found`}
        path={path}
        onChange={(next) => onChange({ path: next })}
        discovery={discovery}
      />
    );
  }
  if (kind !== 'serial') return null;
  return (
    <SerialPortFields
      path={path}
      baudRate={baudRate}
      onChange={onChange}
      placeholder={placeholder}
      testId={`${role}-path`}
      discovery={discovery}
      before={before}
      after={after}
    />
  );
}

export function ScannerForm({ draft, onChange, shell }: DeviceFormProps<ScannerDraft>) {
  const set = (patch: Partial<ScannerDraft>) => onChange({ ...draft, ...patch });
  return (
    <DeviceForm title="Choose the scanner" testId="scanner-form" shell={shell} saveLabel="Save scanner">
      <KindChoice
        legend="Scanner"
        name="scanner-kind"
        value={draft.kind}
        onChange={(kind) => set({ kind })}
        options={[
          { value: 'wedge', words: 'Keyboard scanner' },
          { value: 'serial', words: 'Serial port' },
          { value: 'hid-pos', words: 'USB HID POS' },
        ]}
      />
      {draft.kind === 'wedge' ? (
        <p className="field-help">
          Scans are typed into the scan field of Ship, Receive and Returns. Set the scanner to send Enter after each
          code.
        </p>
      ) : null}
      <ConnectionFields
        role="scanner"
        kind={draft.kind}
        path={draft.path}
        baudRate={draft.baudRate}
        onChange={set}
        placeholder="/dev/ttyACM0 or COM3"
        discovery={shell.discovery}
        after={
          <SelectField
            label="Each scan ends with"
            value={draft.suffix}
            onChange={(suffix) => set({ suffix })}
            options={[
              { value: '', words: 'CR, LF or both' },
              { value: 'CR', words: 'CR' },
              { value: 'LF', words: 'LF' },
              { value: 'CRLF', words: 'CR LF' },
            ]}
          />
        }
      />
    </DeviceForm>
  );
}

const PROTOCOL_OPTIONS = (Object.keys(SCALE_PROTOCOLS) as ScaleProtocol[]).map((value) => ({
  value,
  words: SCALE_PROTOCOLS[value],
}));

export function ScaleForm({ draft, onChange, shell }: DeviceFormProps<ScaleDraft>) {
  const set = (patch: Partial<ScaleDraft>) => onChange({ ...draft, ...patch });
  return (
    <DeviceForm title="Choose the scale" testId="scale-form" shell={shell} saveLabel="Save scale">
      <KindChoice
        legend="Scale"
        name="scale-kind"
        value={draft.kind}
        onChange={(kind) => set({ kind })}
        options={[
          { value: 'none', words: 'No scale' },
          { value: 'hid-pos', words: 'USB HID POS' },
          { value: 'serial', words: 'Serial port' },
        ]}
      />
      {draft.kind === 'none' ? (
        <p className="field-help">Packers type the weight the scale shows (F3 in Ship).</p>
      ) : null}
      <ConnectionFields
        role="scale"
        kind={draft.kind}
        path={draft.path}
        baudRate={draft.baudRate}
        onChange={set}
        placeholder="/dev/ttyUSB0 or COM4"
        discovery={shell.discovery}
        before={
          <SelectField
            label="Protocol"
            value={draft.protocol}
            options={PROTOCOL_OPTIONS}
            onChange={(protocol) => set({ protocol })}
            testId="scale-protocol"
          />
        }
        after={
          <SelectField
            label="Weight unit"
            value={draft.unit}
            onChange={(unit) => set({ unit })}
            options={[
              { value: '', words: 'As the scale says' },
              { value: 'kg', words: 'kg' },
              { value: 'lb', words: 'lb' },
            ]}
          />
        }
      />
    </DeviceForm>
  );
}

export function PrinterForm({ draft, onChange, shell }: DeviceFormProps<PrinterDraft>) {
  const printersId = useId();
  const set = (patch: Partial<PrinterDraft>) => onChange({ ...draft, ...patch });
  return (
    <DeviceForm title="Choose the label printer" testId="printer-form" shell={shell} saveLabel="Save printer">
      <KindChoice
        legend="Label printer"
        name="printer-kind"
        value={draft.enabled ? 'on' : 'off'}
        onChange={(value) => set({ enabled: value === 'on' })}
        options={[
          { value: 'off', words: 'No printer' },
          { value: 'on', words: 'ZPL label printer' },
        ]}
      />
      {draft.enabled ? (
        <div className="device-fields">
          <div className="device-field-wide">
            <TextField
              label="Address"
              value={draft.address}
              onChange={(address) => set({ address })}
              placeholder="tcp://192.168.1.50:9100"
              list={printersId}
              testId="printer-address"
              help={
                <>
                  <span className="code">tcp://HOST:PORT</span> network, <span className="code">usb:VID:PID</span> USB,{' '}
                  <span className="code">cups:QUEUE</span> CUPS raw queue, <span className="code">file:FOLDER</span>{' '}
                  save as files
                </>
              }
            />
            <datalist id={printersId}>
              {(shell.discovery?.usbPrinters ?? []).map((p) => (
                <option key={p.address} value={p.address}>
                  {p.description}
                </option>
              ))}
            </datalist>
          </div>
          <SelectField
            label="Print resolution"
            value={draft.dpi}
            onChange={(dpi) => set({ dpi })}
            options={[
              { value: '203', words: '203 dpi (8 dots/mm)' },
              { value: '300', words: '300 dpi (12 dots/mm)' },
              { value: '600', words: '600 dpi (24 dots/mm)' },
            ]}
          />
          <SelectField
            label="Label size"
            value={draft.size}
            onChange={(size) => set({ size })}
            options={[
              ...LABEL_SIZES.map((s) => ({ value: s.id as string, words: s.words })),
              { value: 'custom', words: 'Other size…' },
            ]}
            testId="printer-size"
          />
          {draft.size === 'custom' ? (
            <>
              <TextField
                label="Width (mm)"
                value={draft.widthMm}
                inputMode="decimal"
                onChange={(widthMm) => set({ widthMm })}
              />
              <TextField
                label="Height (mm)"
                value={draft.heightMm}
                inputMode="decimal"
                onChange={(heightMm) => set({ heightMm })}
              />
            </>
          ) : null}
          <TextField
            label="Darkness (0–30)"
            value={draft.darkness}
            inputMode="numeric"
            placeholder="printer’s own"
            onChange={(darkness) => set({ darkness })}
          />
          <label className="check-field device-field-wide">
            <input
              type="checkbox"
              checked={draft.serialLabels}
              onChange={(event) => set({ serialLabels: event.target.checked })}
            />
            <span>Also print a label for every shipped serial (Code 128 and GS1 DataMatrix)</span>
          </label>
        </div>
      ) : (
        <p className="field-help">Ship does not print labels at this station.</p>
      )}
    </DeviceForm>
  );
}
