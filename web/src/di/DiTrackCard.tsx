/** One DI track: its facts, its waveform to play, and changing its name and channel or deleting it. */
import { useId, useState } from "react";
import { Link } from "react-router";

import { ApiError } from "../api/problem";
import { ConfirmDelete } from "../components/ConfirmDelete";
import { ErrorNote } from "../components/ErrorNote";
import { Field } from "../components/Field";
import { SaveCancel } from "../components/SaveCancel";
import { Waveform } from "../components/Waveform";
import { formatBytes, formatChannels, formatSampleRate } from "../units";
import { audioUrl, useChangeDi, useDeleteDi, type DiTrack } from "./api";
import { channelWords, formatDuration, type DiChannel } from "./words";

export function DiTrackCard({ track }: { track: DiTrack }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteDi(track.id);
  const headingId = useId();
  const details = [track.guitar, track.pickup && `${track.pickup} pickup`, track.tuning].filter(Boolean).join(" · ");
  const facts = [
    ["Duration", formatDuration(track.duration_seconds)],
    ["Sample rate", formatSampleRate(track.sample_rate)],
    ["Channels", formatChannels(track.channels)],
    ["Renders", channelWords(track.channel, track.channels)],
    ["Size", formatBytes(track.size_bytes)],
  ] as const;
  return (
    <li className="di-card" aria-labelledby={headingId}>
      <div className="di-card__head">
        <h3 id={headingId} className="di-card__name">
          {track.name}
        </h3>
        {details && <p className="di-card__details muted">{details}</p>}
      </div>
      <dl className="di-card__facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>File</dt>
          <dd className="di-card__file">
            {track.filename} <span className="tag">{track.format.toUpperCase()}</span>
          </dd>
        </div>
      </dl>
      <Waveform url={audioUrl(track.id)} label={track.name} peaks={track.peaks} duration={track.duration_seconds} height={72} />
      {editing ? (
        <DiEditForm track={track} onDone={() => setEditing(false)} />
      ) : (
        <div className="actions di-card__actions">
          <button type="button" className="button button--small" onClick={() => setEditing(true)} aria-label={`Edit ${track.name}`}>
            Edit
          </button>
          <ConfirmDelete
            what={track.name}
            question={`Delete “${track.name}” and its audio?`}
            onConfirm={() => remove.mutate()}
            pending={remove.isPending}
            error={remove.error}
            showError={false}
          />
        </div>
      )}
      {remove.error != null && <DeleteRefused error={remove.error} />}
    </li>
  );
}

/** Why a DI was not deleted; a 409 means shootouts use it, which the service names. */
function DeleteRefused({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 409) {
    return (
      <div className="error-note" role="alert">
        <strong>Not deleted: shootouts use this DI. </strong>
        {error.problem.detail}. Open <Link to="/shootouts">your shootouts</Link> to change or delete them.
      </div>
    );
  }
  return <ErrorNote error={error} title="Not deleted" />;
}

function DiEditForm({ track, onDone }: { track: DiTrack; onDone: () => void }) {
  const change = useChangeDi(track.id);
  const [name, setName] = useState(track.name);
  const [channel, setChannel] = useState<DiChannel>(track.channel);
  const [guitar, setGuitar] = useState(track.guitar);
  const [pickup, setPickup] = useState(track.pickup);
  const [tuning, setTuning] = useState(track.tuning);
  const error = change.error instanceof ApiError ? change.error : null;
  const fieldError = (field: string) => error?.fieldError(field);
  const known = new Set(["name", "channel", "guitar", "pickup", "tuning"]);
  const other = error && !(error.problem.errors ?? []).some((e) => known.has(e.field));
  return (
    <form
      className="di-edit"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ name: name.trim(), channel, guitar, pickup, tuning }, { onSuccess: onDone });
      }}
      aria-label={`Edit ${track.name}`}
    >
      <div className="di-edit__grid">
        <Field label="Name" error={fieldError("name")}>
          {(props) => <input {...props} value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field
          label="Channel to render"
          error={fieldError("channel")}
          hint={track.channels === 1 ? "A mono file has one channel; every choice reads it." : "Applies to renders from now on."}
        >
          {(props) => (
            <select {...props} value={channel} onChange={(e) => setChannel(e.target.value as DiChannel)}>
              <option value="left">Left</option>
              <option value="right">Right</option>
              <option value="mix">Mix of both</option>
            </select>
          )}
        </Field>
        <Field label="Guitar" error={fieldError("guitar")}>
          {(props) => <input {...props} value={guitar} maxLength={2000} onChange={(e) => setGuitar(e.target.value)} />}
        </Field>
        <Field label="Pickup" error={fieldError("pickup")}>
          {(props) => <input {...props} value={pickup} maxLength={2000} onChange={(e) => setPickup(e.target.value)} />}
        </Field>
        <Field label="Tuning" error={fieldError("tuning")}>
          {(props) => <input {...props} value={tuning} maxLength={2000} onChange={(e) => setTuning(e.target.value)} />}
        </Field>
      </div>
      {(other || (change.error && !error)) && <ErrorNote error={change.error} title="Not saved" />}
      <SaveCancel label="Save" pending={change.isPending} onCancel={onDone} />
    </form>
  );
}
