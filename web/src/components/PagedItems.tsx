/** A list read a page at a time, drawn as one list element with an entry an item and the pager below it. */
import { Fragment } from "react";

import { PagedList, type PagedListProps } from "./PagedList";

export interface PagedItemsProps<T extends { id: string }> extends Omit<PagedListProps<T>, "children"> {
  /** the list element: `ul` for entries that are `li`, `div` for entries that stand alone */
  as?: "ul" | "div";
  /** the list element's class */
  className: string;
  /** one item's entry */
  entry: (item: T) => React.ReactNode;
}

export function PagedItems<T extends { id: string }>({ as: List = "ul", className, entry, ...list }: PagedItemsProps<T>) {
  return (
    <PagedList {...list}>
      {(items, pager) => (
        <>
          <List className={className}>
            {items.map((item) => (
              <Fragment key={item.id}>{entry(item)}</Fragment>
            ))}
          </List>
          {pager}
        </>
      )}
    </PagedList>
  );
}
