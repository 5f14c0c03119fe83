/** Column names as chips: what a connector adds to the exported file. */
export function ColumnList({ columns, label }: { columns: string[]; label: string }) {
  if (columns.length === 0) return <p className="muted small">No output fields.</p>;
  return (
    <ul className="column-chips" aria-label={label}>
      {columns.map((column) => (
        <li key={column}>
          <code className="chip">{column}</code>
        </li>
      ))}
    </ul>
  );
}
