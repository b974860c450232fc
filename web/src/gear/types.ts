/** The gear area's API shapes, by name (all from the generated schema). */
import type { Schemas } from "../api/schemas";

export type GearItem = Schemas["GearItem"];
export type GearPage = Schemas["GearPage"];
export type GearUpdate = Schemas["GearUpdate"];
export type GearKind = GearItem["kind"];
export type GearFormat = GearItem["format"];
export type GearSource = GearItem["source"];
export type ChainView = Schemas["ChainView"];
export type ChainPage = Schemas["Page_shootouts.chains.schemas.ChainView_"];
export type Tone = Schemas["Tone"];
export type TonePage = Schemas["Page_gts_tone3000.shapes.Tone_"];
export type ToneModel = Schemas["Model"];
export type ImportRequest = Schemas["ImportRequest"];
export type ImportReport = Schemas["ImportReport"];
export type ImportResult = Schemas["ImportResult"];

export const GEAR_KINDS: readonly GearKind[] = ["amp", "amp-cab", "pedal", "outboard", "cab-ir"];
/** Kinds a NAM capture may have (an IR is always a cab IR). */
export const CAPTURE_KINDS: readonly GearKind[] = ["amp", "amp-cab", "pedal", "outboard"];
export const GEAR_SOURCES: readonly GearSource[] = ["upload", "tone3000"];
export const GEAR_FORMATS: readonly GearFormat[] = ["nam", "ir"];
