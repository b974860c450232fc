/** The API's shootout shapes, named as the app uses them (generated from the gateway's OpenAPI). */
import type { Schemas } from "../api/schemas";

export type Shootout = Schemas["ShootoutView"];
export type ShootoutIn = Schemas["ShootoutIn"];
export type ShootoutPatch = Schemas["ShootoutPatch"];
export type Montage = Schemas["Montage"];
export type OutputsWanted = Schemas["OutputsWanted"];
export type Output = Schemas["OutputView"];
export type Job = Schemas["JobView"];
export type Submitted = Schemas["Submitted"];
export type PublicShootout = Schemas["PublicShootoutView"];
export type PublicChain = Schemas["PublicChainView"];
export type PublicBlock = Schemas["PublicBlockView"];
export type Chain = Schemas["ChainView"];
export type DiTrack = Schemas["DITrackView"];
export type Visibility = Shootout["visibility"];
export type MontageMode = Montage["mode"];
export type PassageIn = Schemas["PassageIn"];
export type PassageView = Schemas["PassageView"];
export type MontagePlan = Schemas["MontagePlanView"];
