import type { Output } from '../../../../shared/ipc';

export type LabelPreview = Output<'devices:print-test'>['previews'][number];

/**
 * The labels as the printer was asked to print them, drawn by the station from the same ZPL.
 * `size` only changes how large they are drawn.
 */
export function LabelPreviews({
  previews,
  what,
  size = 'thumb',
  testId,
}: {
  readonly previews: readonly LabelPreview[];
  /** "Packing label", "Test label": names each image for people who cannot see it. */
  readonly what: string;
  readonly size?: 'thumb' | 'large';
  readonly testId?: string;
}) {
  if (previews.length === 0) return null;
  const warnings = [...new Set(previews.flatMap((p) => p.warnings))];
  return (
    <div className={`label-previews label-previews-${size}`} data-testid={testId}>
      <ul>
        {previews.map((preview, i) => {
          const name = previews.length > 1 ? `${what} ${i + 1} of ${previews.length}` : what;
          return (
            <li key={i}>
              <img
                src={preview.dataUrl}
                alt={`${name}, as printed`}
                width={preview.width}
                height={preview.height}
                data-testid="label-preview"
              />
              {previews.length > 1 ? <span className="label-preview-name">{name}</span> : null}
            </li>
          );
        })}
      </ul>
      {warnings.length > 0 ? (
        <p className="field-help">The preview is close to, not exactly, the printed label: {warnings.join(' ')}</p>
      ) : null}
    </div>
  );
}
