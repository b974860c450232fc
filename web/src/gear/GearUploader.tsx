/**
 * Add one's own captures and IRs: drop several files (or choose them), each uploads as its
 * own row with a progress bar and then says what became of it. One failure stops nothing.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useReducer, useRef, useState } from "react";

import { upload } from "../api/upload";
import { kindLabel } from "./format";
import { CAPTURE_KINDS, type GearItem, type GearKind } from "./types";
import { gearKeys } from "./useGear";
import { UploadRowView } from "./UploadRowView";
import { isFinished, uploadProblems, uploadReducer } from "./uploadQueue";
import "./GearUploader.css";

const AT_ONCE = 3;
let nextRowId = 0;

export function GearUploader() {
  const [rows, dispatch] = useReducer(uploadReducer, []);
  const [dragging, setDragging] = useState(false);
  const [captureKind, setCaptureKind] = useState<GearKind | "">("");
  const inputRef = useRef<HTMLInputElement>(null);
  const aborts = useRef(new Set<AbortController>());
  const client = useQueryClient();
  const id = useId();

  useEffect(() => {
    const running = aborts.current;
    return () => running.forEach((a) => a.abort());
  }, []);

  const uploadOne = async (rowId: string, file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    if (captureKind && file.name.toLowerCase().endsWith(".nam")) form.append("kind", captureKind);
    const abort = new AbortController();
    aborts.current.add(abort);
    dispatch({ type: "start", id: rowId });
    try {
      let status = 0;
      const item = await upload<GearItem>("/api/v1/gear", form, {
        signal: abort.signal,
        onProgress: (fraction) => dispatch({ type: "progress", id: rowId, fraction }),
        onStatus: (answered) => (status = answered),
      });
      // 201: a new item; 200: the same file was already in the library
      dispatch({ type: "done", id: rowId, item, created: status === 201 });
    } catch (error) {
      if (!abort.signal.aborted) dispatch({ type: "fail", id: rowId, problems: uploadProblems(error) });
    } finally {
      aborts.current.delete(abort);
    }
  };

  const add = (files: File[]) => {
    if (files.length === 0) return;
    const entries = files.map((file) => ({ rowId: `upload-${(nextRowId += 1)}`, file }));
    dispatch({ type: "add", files: entries.map((e) => ({ id: e.rowId, name: e.file.name, size: e.file.size })) });
    const queue = [...entries];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await uploadOne(next.rowId, next.file);
    };
    void Promise.all(Array.from({ length: Math.min(AT_ONCE, entries.length) }, worker)).then(() =>
      client.invalidateQueries({ queryKey: gearKeys.all }),
    );
  };

  const finished = rows.filter(isFinished).length;
  return (
    <section className="panel gear-uploader" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upload captures and IRs</h2>
      <div
        className={dragging ? "dropzone dropzone--over" : "dropzone"}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          add(Array.from(e.dataTransfer.files));
        }}
      >
        <p className="dropzone__text">
          Drop <code>.nam</code> captures and <code>.wav</code> impulse responses here — several at once is fine.
        </p>
        <button type="button" className="button button--primary" onClick={() => inputRef.current?.click()}>
          Choose files
        </button>
        <input
          ref={inputRef}
          className="visually-hidden"
          type="file"
          multiple
          accept=".nam,.wav"
          tabIndex={-1}
          aria-label="Gear files to upload"
          onChange={(e) => {
            add(Array.from(e.target.files ?? []));
            e.target.value = ""; // the same file can be chosen again
          }}
        />
      </div>
      <div className="field gear-uploader__kind">
        <label htmlFor={`${id}-kind`}>Captures are</label>
        <select
          id={`${id}-kind`}
          value={captureKind}
          aria-describedby={`${id}-kind-hint`}
          onChange={(e) => setCaptureKind(e.target.value as GearKind | "")}
        >
          <option value="">As each file says</option>
          {CAPTURE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
        <small id={`${id}-kind-hint`} className="field__hint">
          For .nam captures (amp when the file does not say); a .wav is always a cab IR. You can change an item’s kind later.
        </small>
      </div>
      {rows.length > 0 && (
        <>
          <h3 className="gear-uploader__rows-title">
            Uploads{" "}
            <span className="muted">
              ({finished} of {rows.length} done)
            </span>
          </h3>
          <ul className="upload-rows" aria-label="Uploads">
            {rows.map((row) => (
              <UploadRowView key={row.id} row={row} />
            ))}
          </ul>
          {finished > 0 && (
            <button type="button" className="button button--quiet button--small" onClick={() => dispatch({ type: "clear" })}>
              Clear finished uploads
            </button>
          )}
        </>
      )}
    </section>
  );
}
