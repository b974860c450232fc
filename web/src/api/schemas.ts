/** The API's shapes by their schema names, for the areas to name as they use them (schema.d.ts is generated). */
import type { components } from "./schema";

export type Schemas = components["schemas"];
