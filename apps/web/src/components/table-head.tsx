/** A column heading: its text, or its text with its own classes and/or heard only by screen readers. */
export type TableColumn = string | { label: string; className?: string; srOnly?: boolean };

const asObject = (column: TableColumn): Exclude<TableColumn, string> =>
  typeof column === "string" ? { label: column } : column;

/**
 * A table's header row. Every heading gets `cellClassName` except the last, which gets
 * `lastCellClassName`, unless the column brings its own classes.
 */
export function TableHead({
  columns,
  className,
  rowClassName,
  cellClassName = "py-2 pr-3 font-medium",
  lastCellClassName = "py-2 font-medium",
}: {
  columns: TableColumn[];
  className?: string;
  rowClassName?: string;
  cellClassName?: string;
  lastCellClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {columns.map((column, index) => {
          const { label, className: own, srOnly } = asObject(column);
          const fallback = index === columns.length - 1 ? lastCellClassName : cellClassName;
          return (
            // A heading heard only by screen readers keeps its absolutely placed text inside the
            // cell, so a table that scrolls in its own box does not widen the page.
            <th
              key={label}
              scope="col"
              className={srOnly ? `relative ${own ?? fallback}` : (own ?? fallback)}
            >
              {srOnly ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
