import { Space, Typography } from 'antd';

export interface BarSegment {
  label: string;
  value: number;
  color: string;
}

export interface Bar {
  key: string;
  label: string;
  segments: BarSegment[];
}

const ROW = 36;
const LABEL = 200;
const WIDTH = 720;
const COUNT = 56;

/**
 * A horizontal stacked bar chart in plain SVG (antd has no charts, and one chart does not justify a
 * charting library). Screen readers get every bar's numbers in the chart's name; sighted readers
 * get them printed on the bars.
 */
export function StackedBarChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)));
  const plot = WIDTH - LABEL - COUNT;
  const legend = bars[0]?.segments ?? [];
  const height = bars.length * ROW + 8;
  // role="img" hides the drawing's parts from screen readers, so its name carries every number.
  const summary = `${title}：${bars.map((b) => `${b.label}，${b.segments.map((s) => `${s.label}${s.value}人`).join('，')}`).join('；')}`;
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH, display: 'block' }}>
        <title>{title}</title>
        {bars.map((bar, row) => {
          const y = row * ROW + 4;
          const total = bar.segments.reduce((s, x) => s + x.value, 0);
          let x = LABEL;
          return (
            <g key={bar.key}>
              <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize={13} fill="#333">
                {bar.label.length > 14 ? `${bar.label.slice(0, 13)}…` : bar.label}
              </text>
              {bar.segments.map((s) => {
                const w = (s.value / max) * plot;
                const rect = (
                  <g key={s.label}>
                    <rect x={x} y={y + 4} width={w} height={ROW - 12} fill={s.color} />
                    {w >= 22 && (
                      <text x={x + w / 2} y={y + ROW / 2} textAnchor="middle" dominantBaseline="middle" fontSize={12} fill="#fff">
                        {s.value}
                      </text>
                    )}
                  </g>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize={12} fill="#666">
                共{total}人
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <Space wrap size="middle" style={{ marginTop: 8 }}>
          {legend.map((s) => (
            <Space key={s.label} size={4}>
              <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, background: s.color }} />
              <Typography.Text>{s.label}</Typography.Text>
            </Space>
          ))}
        </Space>
      </figcaption>
    </figure>
  );
}
