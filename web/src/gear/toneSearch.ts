/**
 * The TONE3000 page's state in the URL: the tab, the search's filters and the page, so a
 * search survives reload and back. Also the search's query for the API.
 */
export type ToneTab = "created" | "favorited" | "search";
export const TONE_TABS: readonly ToneTab[] = ["created", "favorited", "search"];

export const GEAR_TYPES = [
  ["amp", "Amp"],
  ["amp-cab", "Amp + cab"],
  ["full-rig", "Full rig"],
  ["pedal", "Pedal"],
  ["outboard", "Outboard"],
  ["cab", "Cab"],
  ["ir", "IR"],
  ["space", "Space (reverb, delay)"],
  ["experimental", "Experimental"],
] as const;
export type GearType = (typeof GEAR_TYPES)[number][0];

export const SIZES = [
  ["standard", "Standard"],
  ["lite", "Lite"],
  ["feather", "Feather"],
  ["nano", "Nano"],
  ["custom", "Custom"],
] as const;
export type ToneSize = (typeof SIZES)[number][0];

export const FORMATS = [
  ["nam", "NAM captures"],
  ["ir", "Impulse responses"],
] as const;
export type ToneFormat = (typeof FORMATS)[number][0];

/** Architectures GTS can run (the API refuses a search for any other). */
export const ARCHITECTURES = [
  ["1", "A1 (WaveNet)"],
  ["2", "A2 (slimmable WaveNet)"],
  ["custom", "Custom (LSTM and others)"],
] as const;
export type ToneArchitecture = (typeof ARCHITECTURES)[number][0];

export const SORTS = [
  ["best-match", "Best match"],
  ["newest", "Newest"],
  ["oldest", "Oldest"],
  ["trending", "Trending"],
  ["downloads-all-time", "Most downloaded"],
] as const;
export type ToneSort = (typeof SORTS)[number][0];

export interface ToneSearch {
  query: string;
  gear: GearType[];
  size: ToneSize[];
  format: ToneFormat | null;
  architecture: ToneArchitecture | null;
  sort: ToneSort | null;
  tag: string[];
  make: string[];
  creator: string[];
}

export interface ToneView {
  tab: ToneTab;
  search: ToneSearch;
  /** 1-based. */
  page: number;
}

export const EMPTY_SEARCH: ToneSearch = {
  query: "",
  gear: [],
  size: [],
  format: null,
  architecture: null,
  sort: null,
  tag: [],
  make: [],
  creator: [],
};

const valuesOf = <T extends string>(options: ReadonlyArray<readonly [T, string]>): T[] => options.map(([v]) => v);

function pick<T extends string>(value: string | null, options: ReadonlyArray<readonly [T, string]>): T | null {
  return value !== null && (valuesOf(options) as string[]).includes(value) ? (value as T) : null;
}

function pickAll<T extends string>(values: string[], options: ReadonlyArray<readonly [T, string]>): T[] {
  const allowed = valuesOf(options) as string[];
  return [...new Set(values)].filter((v): v is T => allowed.includes(v));
}

/** "metal, high gain ,," → ["metal", "high gain"]. */
export function splitNames(text: string): string[] {
  return [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
}

export function readToneView(params: URLSearchParams): ToneView {
  const tab = (TONE_TABS as readonly string[]).includes(params.get("tab") ?? "")
    ? (params.get("tab") as ToneTab)
    : "created";
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    tab,
    page: Number.isFinite(page) && page > 1 ? page : 1,
    search: {
      query: params.get("query") ?? "",
      gear: pickAll(params.getAll("gear"), GEAR_TYPES),
      size: pickAll(params.getAll("size"), SIZES),
      format: pick(params.get("format"), FORMATS),
      architecture: pick(params.get("architecture"), ARCHITECTURES),
      sort: pick(params.get("sort"), SORTS),
      tag: params.getAll("tag").flatMap(splitNames),
      make: params.getAll("make").flatMap(splitNames),
      creator: params.getAll("creator").flatMap(splitNames),
    },
  };
}

export function writeToneView(view: ToneView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tab !== "created") params.set("tab", view.tab);
  if (view.tab === "search") {
    const s = view.search;
    if (s.query.trim()) params.set("query", s.query.trim());
    for (const [name, values] of [
      ["gear", s.gear],
      ["size", s.size],
      ["tag", s.tag],
      ["make", s.make],
      ["creator", s.creator],
    ] as const) {
      for (const value of values) params.append(name, value);
    }
    if (s.format) params.set("format", s.format);
    if (s.architecture) params.set("architecture", s.architecture);
    if (s.sort) params.set("sort", s.sort);
  }
  if (view.page > 1) params.set("page", String(view.page));
  return params;
}

export interface ToneSearchQuery {
  query?: string;
  gear?: GearType[];
  size?: ToneSize[];
  format?: ToneFormat;
  architecture?: ToneArchitecture;
  sort?: ToneSort;
  tag?: string[];
  make?: string[];
  creator?: string[];
  page: number;
  page_size: number;
}

/** `GET /api/v1/tone3000/tones/search`'s query (lists repeat their parameter). */
export function searchQuery(search: ToneSearch, page: number, pageSize: number): ToneSearchQuery {
  const q: ToneSearchQuery = { page, page_size: pageSize };
  if (search.query.trim()) q.query = search.query.trim();
  if (search.gear.length) q.gear = search.gear;
  if (search.size.length) q.size = search.size;
  if (search.tag.length) q.tag = search.tag;
  if (search.make.length) q.make = search.make;
  if (search.creator.length) q.creator = search.creator;
  if (search.format) q.format = search.format;
  if (search.architecture) q.architecture = search.architecture;
  if (search.sort) q.sort = search.sort;
  return q;
}
