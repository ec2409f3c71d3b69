/** A horizontal bar chart in plain SVG (no chart library, nothing inline that the CSP would refuse). */
export function BarChart({ rows, onPick }: { rows: { key: string; label: string; count: number }[]; onPick?: (key: string) => void }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = 24;
  const labelWidth = 260;
  const width = 640;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${rows.length * height + 4}`} width="100%" role="img">
      {rows.map((r, i) => (
        <g key={r.key} transform={`translate(0, ${i * height})`} onClick={() => onPick?.(r.key)} style={{ cursor: onPick ? 'pointer' : undefined }}>
          <text x={labelWidth - 8} y={height / 2 + 4} textAnchor="end">{r.label}</text>
          <rect className="bar" x={labelWidth} y={4} height={height - 8} width={((width - labelWidth - 48) * r.count) / max} rx={2} />
          <text x={labelWidth + ((width - labelWidth - 48) * r.count) / max + 6} y={height / 2 + 4}>{r.count}</text>
        </g>
      ))}
    </svg>
  );
}
