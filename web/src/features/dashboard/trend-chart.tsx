import type { ComplianceYear } from '../../../../shared/aggregates.js';

const WIDTH = 720;
const HEIGHT = 220;
// Room above the top line for a 100% label, and beside the last point for its year.
const PAD = { left: 48, right: 32, top: 28, bottom: 32 };

export function ratePercent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/**
 * 达标率 across years as a line in plain SVG, like the bar chart beside it: the numbers are printed at
 * each point and, for screen readers, in the chart's name.
 */
export function TrendChart({ years, title }: { years: readonly ComplianceYear[]; title: string }) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = years.length > 1 ? plotW / (years.length - 1) : 0;
  const points = years.map((y, i) => ({
    year: y.year,
    rate: y.rate,
    x: PAD.left + (years.length > 1 ? i * step : plotW / 2),
    y: PAD.top + plotH * (1 - (y.rate ?? 0)),
  }));
  const summary = `${title}：${years.map((y) => `${y.year}年${ratePercent(y.rate)}（达标${y.compliant}人，共${y.people}人）`).join('；')}`;
  return (
    <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: WIDTH, display: 'block' }}>
      <title>{title}</title>
      {[0, 0.5, 1].map((g) => (
        <g key={g}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotH * (1 - g)} y2={PAD.top + plotH * (1 - g)} stroke="#f0f0f0" />
          <text x={PAD.left - 6} y={PAD.top + plotH * (1 - g)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#999">
            {g * 100}%
          </text>
        </g>
      ))}
      <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#1677ff" strokeWidth={2} />
      {points.map((p) => (
        <g key={p.year}>
          <circle cx={p.x} cy={p.y} r={4} fill="#1677ff" />
          <text x={p.x} y={p.y - 10} textAnchor="middle" fontSize={12} fill="#333">
            {ratePercent(p.rate)}
          </text>
          <text x={p.x} y={HEIGHT - 10} textAnchor="middle" fontSize={12} fill="#666">
            {p.year}年
          </text>
        </g>
      ))}
    </svg>
  );
}
