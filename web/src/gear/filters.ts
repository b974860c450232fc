/**
 * The gear list's filters and page, kept in the URL's search params (so they survive reload,
 * back and a shared link), and turned into `GET /api/v1/gear`'s query.
 */
import { GEAR_FORMATS, GEAR_KINDS, GEAR_SOURCES, type GearFormat, type GearKind, type GearSource } from "./types";

export const GEAR_PAGE_SIZE = 20;

export interface GearFilters {
  kind: GearKind | null;
  format: GearFormat | null;
  source: GearSource | null;
  tag: string;
  q: string;
  favourite: boolean;
  /** 1-based. */
  page: number;
}

export const NO_FILTERS: GearFilters = {
  kind: null,
  format: null,
  source: null,
  tag: "",
  q: "",
  favourite: false,
  page: 1,
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** The filters a URL's search params hold; anything unknown is ignored. */
export function readFilters(params: URLSearchParams): GearFilters {
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    kind: oneOf(params.get("kind"), GEAR_KINDS),
    format: oneOf(params.get("format"), GEAR_FORMATS),
    source: oneOf(params.get("source"), GEAR_SOURCES),
    tag: params.get("tag") ?? "",
    q: params.get("q") ?? "",
    favourite: params.get("favourite") === "1",
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** Search params for `filters`: only what differs from no filter, in a stable order. */
export function writeFilters(filters: GearFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.format) params.set("format", filters.format);
  if (filters.source) params.set("source", filters.source);
  if (filters.tag.trim()) params.set("tag", filters.tag);
  if (filters.favourite) params.set("favourite", "1");
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/** A change to the filters starts again at page 1; a change of page keeps the filters. */
export function changeFilters(current: GearFilters, change: Partial<GearFilters>): GearFilters {
  const next = { ...current, ...change };
  if (!("page" in change)) next.page = 1;
  return next;
}

export function isFiltered(filters: GearFilters): boolean {
  return writeFilters({ ...filters, page: 1 }).toString() !== "";
}

export interface GearListQuery {
  kind?: GearKind;
  format?: GearFormat;
  source?: GearSource;
  tag?: string;
  q?: string;
  favourite?: boolean;
  limit: number;
  offset: number;
}

/** `GET /api/v1/gear`'s query for these filters. */
export function listQuery(filters: GearFilters, pageSize: number = GEAR_PAGE_SIZE): GearListQuery {
  const query: GearListQuery = { limit: pageSize, offset: (filters.page - 1) * pageSize };
  if (filters.kind) query.kind = filters.kind;
  if (filters.format) query.format = filters.format;
  if (filters.source) query.source = filters.source;
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.favourite) query.favourite = true;
  return query;
}

/** Pages needed for `total` items (at least one, so "page 1 of 1" reads right when empty). */
export function pageCount(total: number, pageSize: number = GEAR_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
