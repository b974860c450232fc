/** RFC 9457 problem+json as every GTS service answers errors, and how the app shows them. */
import type { Schemas } from "./schemas";

export type Problem = Schemas["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];

/** An API call that failed: its problem document (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
  }

  get status(): number {
    return this.problem.status;
  }

  /** The reason given for `field` (exact name, or a dotted child such as `blocks.2`). */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.reason;
  }

  /** Field errors whose field starts with `prefix` (e.g. every `blocks.N...` error). */
  fieldErrors(prefix: string): FieldError[] {
    return (this.problem.errors ?? []).filter(
      (e) => e.field === prefix || e.field.startsWith(`${prefix}.`) || e.field.startsWith(`${prefix}[`),
    );
  }
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Problem).status === "number" &&
    typeof (value as Problem).title === "string"
  );
}

/** The error for a failed response body (problem+json, or a summary of whatever came). */
export function toApiError(status: number, body: unknown): ApiError {
  if (isProblem(body)) return new ApiError({ ...body, detail: body.detail ?? body.title });
  return new ApiError({
    type: "about:blank",
    title: status === 0 ? "Network error" : `HTTP ${status}`,
    status,
    detail:
      status === 0
        ? "GTS could not be reached. Check your connection and try again."
        : "The server answered in an unexpected way.",
  });
}

/** Words for a person: the detail, or what went wrong in general for this status. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/** What to show at `field` after a failed request: the API's reasons for it, else the error in words; undefined with no error. */
export function errorAt(error: unknown, field: string): string | undefined {
  if (error instanceof ApiError) return error.fieldErrors(field).map((e) => e.reason).join("; ") || describe(error);
  return error ? describe(error) : undefined;
}
