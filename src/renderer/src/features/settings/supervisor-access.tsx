import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Envelope, ErrorInfo } from '../../../../shared/errors';
import type { Channel, Input, Output, PackbenchApi } from '../../../../shared/ipc';
import type { Role } from '../../../../shared/ipc/auth.contract';
import { useConnection, useStation } from '../../api/station-context';
import { IconLock } from '../../components/icons';

/**
 * A contract call that always resolves to an envelope, even if the link itself throws, so a
 * screen's effect never leaves a rejected promise behind.
 */
export async function ask<C extends Channel>(
  api: PackbenchApi,
  channel: C,
  input?: Input<C>,
): Promise<Envelope<Output<C>>> {
  try {
    return await api.invoke(channel, input);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : 'The station did not answer.' },
    };
  }
}

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  packer: 'packer',
  receiver: 'receiver',
  supervisor: 'supervisor',
};

/**
 * Who is at this window, as far as the supervisor tools care. `unknown` (not asked yet, or
 * the station did not say) leaves every control usable: the station decides on each call.
 */
export type SupervisorAccess =
  | { readonly state: 'unknown' }
  | { readonly state: 'supervisor'; readonly name: string }
  | { readonly state: 'other'; readonly name: string | null; readonly role: Role | null }
  | {
      /** Someone else is signed in, and a supervisor approved here with their PIN. */
      readonly state: 'approved';
      readonly name: string;
      readonly role: Role;
      readonly approvedBy: string;
      /** When the approval lapses (ISO); the station moves it on with each change. */
      readonly until: string;
    };

export interface SupervisorAccessState {
  readonly access: SupervisorAccess;
  /** True unless the station has told us the person here is not a supervisor and has no approval. */
  readonly allowed: boolean;
  /** The supervisors' names, to pick the one who approves. */
  readonly supervisors: readonly string[];
  /** Asks the station again (after a refusal: the shift may have ended on its side). */
  recheck(): void;
  /** A supervisor approves here with their PIN; resolves to the station's refusal, or null. */
  approve(name: string, pin: string): Promise<ErrorInfo | null>;
  /** Ends the approval now. */
  endApproval(): Promise<void>;
}

/** Longest wait before asking again whether an approval still runs (it never lasts longer). */
const APPROVAL_CHECK_MAX_MS = 15 * 60_000;

export function isRefusal(error: ErrorInfo): boolean {
  return error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED';
}

/**
 * Whether the person signed in at this window is a supervisor. Only used to explain why
 * controls are unavailable; every supervisor-only call is refused by the station itself.
 */
export function useSupervisorAccess(): SupervisorAccessState {
  const { api } = useStation();
  const connection = useConnection();
  const [access, setAccess] = useState<SupervisorAccess>({ state: 'unknown' });
  const [supervisors, setSupervisors] = useState<readonly string[]>([]);
  const latest = useRef(0);

  const recheck = useCallback(() => {
    const mine = ++latest.current;
    void ask(api, 'auth:get-status', {}).then((envelope) => {
      if (mine !== latest.current) return;
      if (!envelope.ok) {
        setAccess({ state: 'unknown' });
        return;
      }
      const { operator, approval, operators } = envelope.value;
      setSupervisors(operators.filter((o) => o.role === 'supervisor').map((o) => o.name));
      setAccess(
        operator?.role === 'supervisor'
          ? { state: 'supervisor', name: operator.name }
          : operator && approval
            ? {
                state: 'approved',
                name: operator.name,
                role: operator.role,
                approvedBy: approval.name,
                until: approval.until,
              }
            : { state: 'other', name: operator?.name ?? null, role: operator?.role ?? null },
      );
    });
  }, [api]);

  const approve = useCallback(
    async (name: string, pin: string): Promise<ErrorInfo | null> => {
      const envelope = await ask(api, 'auth:approve-supervisor', { name, pin });
      recheck();
      return envelope.ok ? null : envelope.error;
    },
    [api, recheck],
  );

  const endApproval = useCallback(async () => {
    await ask(api, 'auth:end-approval', {});
    recheck();
  }, [api, recheck]);

  // Each change moves the end on at the station, so at the end shown here, ask again: the
  // strip then shows the new end, or the controls lock.
  const until = access.state === 'approved' ? access.until : null;
  useEffect(() => {
    if (until === null) return;
    const wait = Math.min(Math.max(Date.parse(until) - Date.now() + 250, 250), APPROVAL_CHECK_MAX_MS);
    const timer = setTimeout(recheck, wait);
    return () => clearTimeout(timer);
  }, [until, recheck]);

  useEffect(() => {
    if (connection.status === 'open') recheck();
  }, [connection.status, recheck]);

  // Someone may sign in or out in another part of the station while this screen stays open.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') recheck();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', recheck);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', recheck);
    };
  }, [recheck]);

  return { access, allowed: access.state !== 'other', supervisors, recheck, approve, endApproval };
}

/** Set by screens that offer the supervisor's approval in place, so their notes point to it. */
export const ApprovalOffered = createContext(false);

/** Why the controls below are unavailable, in words, with the lock icon; nothing when they are. */
export function SupervisorOnlyNote({
  access,
  what,
  id,
}: {
  readonly access: SupervisorAccess;
  /** What only a supervisor can do here, e.g. "change the rules". */
  readonly what: string;
  readonly id: string;
}) {
  const offered = useContext(ApprovalOffered);
  if (access.state !== 'other') return null;
  return (
    <p className="sv-locked-note" id={id} data-testid="supervisor-only">
      <IconLock />
      <span>
        <strong>Only a supervisor can {what}.</strong>{' '}
        {access.name
          ? `You are signed in as ${access.name} (${access.role ? ROLE_NAMES[access.role] : 'not a supervisor'}).${offered ? ' A supervisor can approve above with their PIN.' : ''}`
          : 'No one is signed in at this station.'}
      </span>
    </p>
  );
}

/** A refused supervisor-only call in words the person at the station can act on. */
export function refusalText(error: ErrorInfo): string {
  if (error.code === 'UNAUTHORIZED') return `${error.message} Sign in as a supervisor, then try again.`;
  if (error.code === 'FORBIDDEN' && approvalEnded(error)) return error.message;
  if (error.code === 'FORBIDDEN')
    return `${error.message} Ask a supervisor to approve with their PIN, or to sign in here.`;
  return error.message;
}

function approvalEnded(error: ErrorInfo): boolean {
  const details = error.details as { approvalEnded?: unknown } | undefined;
  return details?.approvalEnded === true;
}
