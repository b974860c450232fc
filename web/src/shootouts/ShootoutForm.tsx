/**
 * Create or edit a shootout: name, DI tracks, chains in order, montage, outputs, visibility.
 * Problems show at their fields: the browser's checks first, then whatever the API says.
 */
import { useRef, useState } from "react";
import { Link } from "react-router";

import { Field } from "../components/Field";
import { ApiError, describe } from "../api/problem";
import type { FieldError } from "../api/problem";
import { ChainPicker } from "./ChainPicker";
import { Check } from "./Check";
import { DiPicker } from "./DiPicker";
import { NUMBERS, OUTPUTS } from "./formFields";
import { VISIBILITY } from "./format";
import { checkForm, LIMITS, passageField, sortErrors, toBody, type FieldMessages, type FormValues } from "./form";
import { MontageModePicker } from "./MontageModePicker";
import type { PassageText } from "./passage";
import { PassagePicker } from "./PassagePicker";
import type { Chain, DiTrack, ShootoutIn, Visibility } from "./types";
import "./ShootoutForm.css";

export interface ShootoutFormProps {
  initial: FormValues;
  tracks: DiTrack[];
  chains: Chain[];
  saving: boolean;
  submitLabel: string;
  cancelTo: string;
  onSave: (body: ShootoutIn) => Promise<unknown>;
}

export function ShootoutForm({ initial, tracks, chains, saving, submitLabel, cancelTo, onSave }: ShootoutFormProps) {
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<FieldMessages>({});
  const [other, setOther] = useState<{ error: unknown; rest: FieldError[] } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const local = tried ? checkForm(values, tracks) : {};
  const errors: FieldMessages = { ...server, ...local };
  const set = <K extends keyof FormValues>(key: K, field?: keyof FieldMessages) => (value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field && server[field]) setServer(({ [field]: _gone, ...rest }) => rest);
  };
  const setPassage = (diId: string, passage: PassageText) => {
    setValues((v) => ({ ...v, passages: { ...v.passages, [diId]: passage } }));
    const mine: string[] = [passageField(diId, "start"), passageField(diId, "end")];
    setServer((found) => Object.fromEntries(Object.entries(found).filter(([f]) => !mine.includes(f))));
  };

  const focusFirstProblem = () =>
    requestAnimationFrame(() => {
      const target = form.current?.querySelector<HTMLElement>(
        '[aria-invalid="true"], fieldset[data-invalid] input:not(:disabled)',
      );
      target?.focus();
    });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    setOther(null);
    setServer({});
    if (Object.keys(checkForm(values, tracks)).length > 0) {
      focusFirstProblem();
      return;
    }
    const body = toBody(values);
    try {
      await onSave(body);
    } catch (error) {
      const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      const { byField, rest } = sortErrors(fields, (body.passages ?? []).map((p) => p.di_id));
      setServer(byField);
      if (rest.length > 0 || fields.length === 0) setOther({ error, rest });
      focusFirstProblem();
    }
  };

  return (
    <form ref={form} className="shootout-form" onSubmit={submit} noValidate>
      {other && (
        <div className="error-note" role="alert">
          <strong>Not saved: </strong>
          {describe(other.error)}
          {other.rest.length > 0 && (
            <ul>
              {other.rest.map((e) => (
                <li key={`${e.field}:${e.reason}`}>{e.reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {tried && Object.keys(errors).length > 0 && !other && (
        <p className="error-note" role="alert">
          Not saved yet: {Object.keys(errors).length === 1 ? "one field needs" : `${Object.keys(errors).length} fields need`} a
          look (marked below).
        </p>
      )}

      <section className="panel">
        <h2>About</h2>
        <Field label="Name" error={errors.name} hint="What are you comparing? e.g. “Plexi vs JCM800, same Mesa cab”.">
          {(props) => (
            <input
              {...props}
              type="text"
              value={values.name}
              maxLength={LIMITS.name}
              autoComplete="off"
              onChange={(e) => set("name", "name")(e.target.value)}
            />
          )}
        </Field>
        <Field label="Description (optional)" error={errors.description} hint="Shown on the shared page.">
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={values.description}
              maxLength={LIMITS.description}
              onChange={(e) => set("description", "description")(e.target.value)}
            />
          )}
        </Field>
      </section>

      <section className="panel">
        <h2>What plays</h2>
        <DiPicker tracks={tracks} chosen={values.diIds} onChange={set("diIds", "di_ids")} error={errors.di_ids} />
        <PassagePicker tracks={tracks} chosen={values.diIds} passages={values.passages} onChange={setPassage} errors={errors} />
        <ChainPicker chains={chains} chosen={values.chainIds} onChange={set("chainIds", "chain_ids")} error={errors.chain_ids} />
      </section>

      <section className="panel">
        <h2>Montage</h2>
        <p className="muted">
          Every chain is matched to the same loudness, so the louder rig doesn’t win by being louder, then cut into
          back-to-back segments, or played one after another.
        </p>
        <MontageModePicker
          mode={values.montageMode}
          twiceRound={values.twiceRound}
          onMode={set("montageMode", "montage.mode")}
          onTwiceRound={set("twiceRound", "montage.rounds")}
          error={errors["montage.rounds"] ?? errors["montage.mode"]}
        />
        <div className="shootout-form__row">
          {NUMBERS.map((n) => (
            <Field key={n.key} label={n.label} error={errors[n.field]} hint={n.hint}>
              {(props) => (
                <input
                  {...props}
                  type="number"
                  inputMode="decimal"
                  min={n.range.min}
                  max={n.range.max}
                  step={n.step}
                  value={values[n.key]}
                  onChange={(e) => set(n.key, n.field)(e.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
        <Check
          label="Blind test"
          hint="Chains are labelled A, B, C… in a shuffled order; you can reveal which is which on the results, listeners of a shared link cannot."
          checked={values.blind}
          onChange={set("blind", "montage.blind")}
          error={errors["montage.blind"]}
        />
      </section>

      <section className="panel">
        <h2>Outputs</h2>
        <p className="muted">Each chain’s audio and the A/B montage are always made.</p>
        {OUTPUTS.map((o) => (
          <Check
            key={o.key}
            label={o.label}
            hint={o.hint}
            checked={values[o.key]}
            onChange={set(o.key, o.field)}
            error={errors[o.field]}
          />
        ))}
      </section>

      <section className="panel">
        <fieldset className="shootout-form__visibility" aria-describedby={errors.visibility ? "visibility-error" : undefined}>
          <legend>
            <h2>Who can see it</h2>
          </legend>
          {(Object.keys(VISIBILITY) as Visibility[]).map((v) => (
            <label key={v} className="shootout-form__radio">
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={values.visibility === v}
                onChange={() => set("visibility", "visibility")(v)}
              />
              <span>
                <strong>{VISIBILITY[v].label}</strong>
                <span className="muted"> — {VISIBILITY[v].explain}</span>
              </span>
            </label>
          ))}
          {errors.visibility && (
            <small id="visibility-error" className="field__error" role="alert">
              {errors.visibility}
            </small>
          )}
        </fieldset>
      </section>

      <div className="actions shootout-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? "Saving…" : submitLabel}
        </button>
        <Link className="button button--quiet" to={cancelTo}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
