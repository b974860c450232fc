/** Lists the API pages by `limit` and `offset`; some views need every item of one. */

export interface Paged<T> {
  items: T[];
  total: number;
}

/** The API's largest page. */
export const MAX_LIMIT = 100;

/** Every item, reading `page(offset)` until the total is reached (or a page comes back empty). */
export async function allPages<T>(page: (offset: number) => Promise<Paged<T>>): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const got = await page(items.length);
    items.push(...got.items);
    if (got.items.length === 0 || items.length >= got.total) return items;
  }
}
