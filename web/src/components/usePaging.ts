/** Where a paged list is: the offset of its first item and how many a page holds. */
import { useState } from "react";

export interface Paging {
  offset: number;
  perPage: number;
  setOffset: (offset: number) => void;
}

export function usePaging(perPage: number): Paging {
  const [offset, setOffset] = useState(0);
  return { offset, perPage, setOffset };
}
