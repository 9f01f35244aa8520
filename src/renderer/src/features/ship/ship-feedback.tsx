import { VerdictBanner, verdictTitle } from '../wizard';
import { describeMissing } from './ship-action';
import type { Feedback } from './ship-state';

/** The answer to the last scan or action, large, with what is still missing when shipping was refused. */
export function ShipFeedback({ feedback, idle }: { readonly feedback: Feedback | null; readonly idle?: string }) {
  if (!feedback) return <VerdictBanner verdict={null} idle={idle} />;
  return (
    <div className="ship-feedback">
      <VerdictBanner
        verdict={{
          ok: feedback.ok,
          code: feedback.code,
          title: feedback.title ?? verdictTitle(feedback.code),
          message: feedback.message,
          seq: feedback.seq,
        }}
      />
      {feedback.missing.length > 0 ? (
        <ul className="verdict-missing" data-testid="verdict-missing">
          {feedback.missing.map((m) => (
            <li key={m.lineId}>{describeMissing(m)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
