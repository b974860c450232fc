/** The listening room's API shapes, named as the app uses them (generated from the gateway's OpenAPI). */
import type { Schemas } from "../api/schemas";

export type BlindSession = Schemas["ListeningSessionView"];
export type AbxRun = Schemas["AbxSessionView"];
export type AbxTrial = Schemas["AbxTrialView"];
export type AbxAnswered = Schemas["AbxAnswered"];
export type ListeningResults = Schemas["ListeningResults"];
export type ChainResult = Schemas["ChainResult"];
export type PairResult = Schemas["PairResult"];
export type Estimate = Schemas["Estimate"];
export type Published = Schemas["Published"];
