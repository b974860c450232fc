/**
 * Upload DI recordings: drop files on the zone or choose them; each shows its progress, then
 * the track it became or why it was refused, in words. Stereo files render the channel chosen
 * here (changeable later).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";

import { diKeys, uploadDi, type DiTrack } from "./api";
import { checkDiFile, DI_ACCEPT, formatDuration, uploadErrorWords, type DiChannel } from "./words";

interface Upload {
  id: number;
  name: string;
  fraction: number;
  state: "sending" | "done" | "existing" | "failed";
  message: string;
  controller: AbortController;
}

let uploadIds = 0;

export function DiUploader({ known }: { known: ReadonlySet<string> }) {
  const client = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [channel, setChannel] = useState<DiChannel>("left");
  const [over, setOver] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const knownRef = useRef(known);
  knownRef.current = known;

  // leaving the page cancels what is still sending
  const live = useRef(uploads);
  live.current = uploads;
  useEffect(() => () => live.current.forEach((u) => u.state === "sending" && u.controller.abort()), []);

  const update = (id: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));

  const start = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const id = ++uploadIds;
      const controller = new AbortController();
      const refused = checkDiFile(file);
      const entry: Upload = {
        id,
        name: file.name,
        fraction: 0,
        state: refused ? "failed" : "sending",
        message: refused ?? "Uploading…",
        controller,
      };
      setUploads((list) => [entry, ...list]);
      if (refused) continue;
      uploadDi(file, { channel }, (fraction) => update(id, { fraction }), controller.signal)
        .then((track: DiTrack) => {
          const existing = knownRef.current.has(track.id);
          update(id, {
            fraction: 1,
            state: existing ? "existing" : "done",
            message: existing
              ? `Already in your DI tracks as “${track.name}”.`
              : `Uploaded as “${track.name}” (${formatDuration(track.duration_seconds)}).`,
          });
          void client.invalidateQueries({ queryKey: diKeys.all });
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === "AbortError") {
            update(id, { state: "failed", message: `“${file.name}”: upload cancelled.` });
          } else {
            update(id, { state: "failed", message: uploadErrorWords(file.name, error) });
          }
        });
    }
  };

  return (
    <section className="panel di-uploader" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Upload a DI</h2>
      <p className="muted">
        A DI is the dry guitar signal, recorded straight from the instrument: WAV, FLAC, AIFF, OGG or MP3, mono or stereo, 1 s to
        10 min, up to 100 MB. Every chain in a shootout plays it.
      </p>
      <div
        className={over ? "di-drop di-drop--over" : "di-drop"}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes("Files")) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (e.dataTransfer.files.length > 0) start(e.dataTransfer.files);
        }}
      >
        <p className="di-drop__text">Drop DI files here, or</p>
        <button type="button" className="button button--primary" onClick={() => input.current?.click()}>
          Choose DI files
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept={DI_ACCEPT}
          multiple
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) start(e.target.files);
            e.target.value = "";
          }}
        />
        <div className="field di-drop__channel">
          <label htmlFor={`${inputId}-channel`}>Stereo files: the guitar is on</label>
          <select id={`${inputId}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as DiChannel)}>
            <option value="left">the left channel</option>
            <option value="right">the right channel</option>
            <option value="mix">both (mix them)</option>
          </select>
        </div>
      </div>
      {uploads.length > 0 && (
        <ul className="di-uploads" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.id} className={`di-upload di-upload--${u.state}`}>
              <span className="di-upload__name">{u.name}</span>
              {u.state === "sending" ? (
                <>
                  <progress max={1} value={u.fraction} aria-label={`Uploading ${u.name}`}>
                    {Math.round(u.fraction * 100)} %
                  </progress>
                  <span className="di-upload__percent" aria-hidden="true">
                    {u.fraction >= 1 ? "Checking…" : `${Math.round(u.fraction * 100)} %`}
                  </span>
                  <button type="button" className="button button--small button--quiet" onClick={() => u.controller.abort()}>
                    Cancel<span className="visually-hidden"> uploading {u.name}</span>
                  </button>
                </>
              ) : (
                <span className="di-upload__message" role={u.state === "failed" ? "alert" : "status"}>
                  {u.message}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
