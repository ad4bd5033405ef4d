import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  Legend,
  Tooltip,
);
// No animation: the figure is there at once (for people who turned motion off, and for screenshots).
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
Chart.defaults.locale = 'vi-VN';

/** A long label (a Vietnamese award name) as lines of at most `width` characters, broken between words. */
export function wrapLabel(text: string, width = 26): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export const COLORS = {
  collective: '#a4161a',
  individual: '#1d4e89',
  registered: '#8d99ae',
  conferred: '#2a9d3f',
};

/**
 * A Chart.js chart on a canvas. The canvas is an image for screen readers (`label` says what it shows);
 * every chart of the console has the same figures in a table beside it.
 */
export function ChartView({
  config,
  label,
  height = 260,
}: {
  config: ChartConfiguration;
  label: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      ...config,
      options: { maintainAspectRatio: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
