/** A table that scrolls sideways on a narrow screen, with a caption for screen readers and a header row. */
export interface DataTableProps {
  /** what the table lists, read by screen readers only */
  caption: string;
  columns: readonly string[];
  /** more classes for the scrolling wrapper */
  className?: string;
  /** the rows */
  children: React.ReactNode;
}

export function DataTable({ caption, columns, className, children }: DataTableProps) {
  return (
    <div className={className ? `table-wrap ${className}` : "table-wrap"}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
