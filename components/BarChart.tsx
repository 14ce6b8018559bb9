/**
 * A server-rendered bar chart of counts over time, as inline SVG (no script, no library). The SVG
 * is one image with an aria-label; the same numbers are in a table under it for screen readers
 * and for anyone who wants them.
 */
export interface Bar {
  label: string;
  /** A short label for the axis (shown on a few bars only). */
  tick: string;
  value: number;
}

/** The bar chart; `label` names the whole chart for assistive technology. */
export function BarChart({ bars, label }: { bars: Bar[]; label: string }) {
  const width = 640;
  const height = 180;
  const padLeft = 28;
  const padBottom = 22;
  const padTop = 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - padLeft) / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.72);
  const plot = height - padBottom - padTop;
  const tickEvery = Math.max(1, Math.ceil(bars.length / 8));
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const peak = bars.reduce(
    (best, b) => (b.value > best.value ? b : best),
    bars[0] ?? { label: "", tick: "", value: 0 },
  );
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${total} · max ${peak.value} (${peak.label})`}
      preserveAspectRatio="xMidYMid meet"
    >
      <line
        className="axis"
        x1={padLeft}
        y1={height - padBottom}
        x2={width}
        y2={height - padBottom}
      />
      <text x={padLeft - 6} y={padTop + 8} textAnchor="end">
        {max}
      </text>
      <text x={padLeft - 6} y={height - padBottom} textAnchor="end">
        0
      </text>
      {bars.map((bar, index) => {
        const h = (bar.value / max) * plot;
        const x = padLeft + index * slot + (slot - barWidth) / 2;
        return (
          <g key={bar.label}>
            {bar.value > 0 && (
              <rect
                className="bar"
                x={x}
                y={height - padBottom - h}
                width={barWidth}
                height={h}
                rx={1.5}
              >
                <title>{`${bar.label}: ${bar.value}`}</title>
              </rect>
            )}
            {index % tickEvery === 0 && (
              <text x={x + barWidth / 2} y={height - 6} textAnchor="middle">
                {bar.tick}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
