import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import type { Dashboard } from '../../../../shared/ipc/admin.contract';

type Hour = Dashboard['unitsPerHour'][number];

interface ChartColors {
  readonly bar: string;
  readonly text: string;
  readonly grid: string;
}

/**
 * The theme's colours as the browser resolves them right now: the chart draws on a canvas,
 * which cannot use CSS variables (or light-dark()) itself.
 */
function resolveColors(): ChartColors {
  const probe = document.createElement('span');
  document.body.appendChild(probe);
  const read = (variable: string, fallback: string) => {
    probe.style.color = `var(${variable}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  try {
    return { bar: read('--accent', '#0a58ca'), text: read('--text', '#111827'), grid: read('--border', '#b9c1cc') };
  } finally {
    probe.remove();
  }
}

/** Re-reads the colours when the theme changes (the toggle or the system setting). */
function useChartColors(): ChartColors {
  const [colors, setColors] = useState<ChartColors>(resolveColors);
  useEffect(() => {
    const update = () => setColors(resolveColors());
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    query?.addEventListener('change', update);
    return () => {
      observer.disconnect();
      query?.removeEventListener('change', update);
    };
  }, []);
  return colors;
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** One sentence for screen readers and for anyone who wants the numbers rather than the bars. */
export function describeHours(hours: readonly Hour[]): string {
  const total = hours.reduce((sum, h) => sum + h.units, 0);
  if (total === 0) return 'No units shipped on this day.';
  const busiest = hours.reduce((best, h) => (h.units > best.units ? h : best));
  return `${total.toLocaleString()} units shipped; the busiest hour was ${hourLabel(busiest.hour)} with ${busiest.units.toLocaleString()}.`;
}

/** Units shipped in each of the day's 24 hours, as bars (Chart.js on a canvas). */
export function HourlyChart({ hours }: { readonly hours: readonly Hour[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const shown = useRef<readonly Hour[]>(hours);
  const colors = useChartColors();

  useEffect(() => {
    const element = canvas.current;
    // No drawing surface (a test DOM, or a browser refusing canvas): the table below still says it all.
    const context = element?.getContext('2d');
    if (!element || !context) return;
    // Only the pieces a bar chart needs, so the rest of Chart.js stays out of the bundle; registering twice is harmless.
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
    const font = { size: 16, family: getComputedStyle(document.documentElement).fontFamily };
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'Units shipped', data: [], backgroundColor: colors.bar }] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            titleFont: font,
            bodyFont: font,
            callbacks: {
              title: (items) => {
                const hour = items[0]?.dataIndex ?? 0;
                return `${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}`;
              },
              label: (item) => {
                const entry = shown.current[item.dataIndex];
                return entry
                  ? `${entry.units.toLocaleString()} units, ${entry.serials.toLocaleString()} serials`
                  : String(item.raw);
              },
            },
          },
        },
        scales: {
          x: {
            ticks: { color: colors.text, font, maxRotation: 0, autoSkip: true },
            grid: { display: false },
            border: { color: colors.grid },
          },
          y: {
            beginAtZero: true,
            ticks: { color: colors.text, font, precision: 0 },
            grid: { color: colors.grid },
            border: { color: colors.grid },
            title: { display: true, text: 'Units', color: colors.text, font },
          },
        },
      },
    };
    chart.current = new Chart(context, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The data goes in below without rebuilding the chart; only a theme change rebuilds it.
  }, [colors]);

  useEffect(() => {
    shown.current = hours;
    const current = chart.current;
    if (!current) return;
    current.data.labels = hours.map((h) => hourLabel(h.hour).slice(0, 2));
    current.data.datasets[0]!.data = hours.map((h) => h.units);
    current.update();
  }, [hours, colors]);

  const summary = describeHours(hours);
  return (
    <figure className="sv-chart" data-testid="hourly-chart">
      <div className="sv-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Units shipped per hour. ${summary}`} />
      </div>
      <figcaption>
        {summary} <span className="muted">Hours on this station’s clock.</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>Units shipped per hour</caption>
        <thead>
          <tr>
            <th scope="col">Hour</th>
            <th scope="col">Units</th>
            <th scope="col">Serials</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr key={h.hour}>
              <td>{hourLabel(h.hour)}</td>
              <td>{h.units}</td>
              <td>{h.serials}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
