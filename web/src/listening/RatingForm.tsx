/** The blind vote: a rating from 0 to 100 for every letter (slider and number, keys too) and a
 * favourite; Submit waits until both are complete and says what is missing. */
import { useId, useState } from "react";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { canSubmit, clampRating, emptyForm, MAX_RATING, MIN_RATING, missing, rate, ratingForKey, type RatingForm as Form } from "./ratingForm";

export function RatingForm({
  letters,
  onSubmit,
  pending,
  error,
}: {
  letters: string[];
  onSubmit: (form: Form) => void;
  pending: boolean;
  error: unknown;
}) {
  const [form, setForm] = useState<Form>(emptyForm);
  const id = useId();
  const left = missing(form, letters);
  const apiError = error instanceof ApiError ? error : null;

  return (
    <form
      className="rating-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (canSubmit(form, letters)) onSubmit(form);
      }}
    >
      <h2 id={`${id}-title`}>Your ratings</h2>
      <p className="muted">Rate each letter from 0 (worst) to 100 (best) and pick the one you like most.</p>
      <fieldset className="rating-form__rows">
        <legend className="visually-hidden">Rating and favourite per letter</legend>
        {letters.map((letter) => {
          const value = form.ratings[letter];
          const fieldError = apiError?.fieldError(`ratings.${letter}`);
          return (
            <div key={letter} className={`rating-row${value === undefined ? " rating-row--unrated" : ""}`}>
              <span className="rating-row__letter" aria-hidden="true">
                {letter}
              </span>
              <input
                type="range"
                min={MIN_RATING}
                max={MAX_RATING}
                step={1}
                value={value ?? 50}
                aria-label={`Rating for ${letter}`}
                aria-valuetext={value === undefined ? "not rated" : String(value)}
                onChange={(e) => setForm((f) => rate(f, letter, Number(e.target.value)))}
                onKeyDown={(e) => {
                  const next = ratingForKey(e.key, value);
                  if (next === null) return;
                  e.preventDefault();
                  e.stopPropagation(); // the player's arrow keys are for switching, not here
                  setForm((f) => rate(f, letter, next));
                }}
              />
              <input
                className="rating-row__number"
                type="number"
                min={MIN_RATING}
                max={MAX_RATING}
                inputMode="numeric"
                value={value ?? ""}
                placeholder="–"
                aria-label={`Rating for ${letter}, as a number`}
                onKeyDown={(e) => e.stopPropagation()}
                onChange={(e) =>
                  setForm((f) =>
                    e.target.value === ""
                      ? { ...f, ratings: Object.fromEntries(Object.entries(f.ratings).filter(([l]) => l !== letter)) }
                      : rate(f, letter, clampRating(Number(e.target.value))),
                  )
                }
              />
              <label className="rating-row__favourite">
                <input
                  type="radio"
                  name={`${id}-favourite`}
                  value={letter}
                  checked={form.favourite === letter}
                  onChange={() => setForm((f) => ({ ...f, favourite: letter }))}
                  onKeyDown={(e) => e.stopPropagation()}
                />
                Favourite<span className="visually-hidden"> {letter}</span>
              </label>
              {fieldError && <small className="field__error rating-row__error">{fieldError}</small>}
            </div>
          );
        })}
      </fieldset>
      {error !== null && error !== undefined && <ErrorNote error={error} title="Your vote was not taken" />}
      <div className="rating-form__submit">
        <button type="submit" className="button button--primary" disabled={left !== null || pending}>
          {pending ? "Sending…" : "Submit and reveal"}
        </button>
        <span className="muted" aria-live="polite">
          {left ?? "Ready: submitting reveals which chain each letter was."}
        </span>
      </div>
    </form>
  );
}
