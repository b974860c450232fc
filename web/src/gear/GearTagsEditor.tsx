/** The item's tags as chips: remove one with its ×, add one by typing it. */
import { useId, useRef, useState } from "react";

import { errorAt } from "../api/problem";
import type { GearItem } from "./types";
import { useUpdateGear } from "./useGear";

const MAX_TAG = 40;

export function GearTagsEditor({ item }: { item: GearItem }) {
  const [draft, setDraft] = useState("");
  const update = useUpdateGear(item.id);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const save = (tags: string[], after?: () => void) =>
    update.mutate({ tags }, { onSuccess: () => after?.() });

  const add = () => {
    const tag = draft.trim();
    if (!tag) return;
    if (item.tags.includes(tag)) {
      setDraft("");
      return;
    }
    save([...item.tags, tag], () => setDraft(""));
  };

  const error = errorAt(update.error, "tags");

  return (
    <div className="gear-tags">
      {item.tags.length > 0 && (
        <ul className="gear-tags__list" aria-label={`Tags of ${item.name}`}>
          {item.tags.map((tag) => (
            <li key={tag} className="tag gear-tags__chip">
              {tag}
              <button
                type="button"
                className="gear-tags__remove"
                aria-label={`Remove tag ${tag} from ${item.name}`}
                disabled={update.isPending}
                onClick={() => {
                  save(item.tags.filter((t) => t !== tag));
                  inputRef.current?.focus();
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className={error ? "gear-tags__add field--invalid" : "gear-tags__add"}
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label htmlFor={`${id}-tag`} className="visually-hidden">
          Add a tag to {item.name}
        </label>
        <input
          ref={inputRef}
          id={`${id}-tag`}
          value={draft}
          maxLength={MAX_TAG}
          placeholder="Add tag"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button button--small" disabled={update.isPending || !draft.trim()}>
          Add tag
        </button>
      </form>
      {error && (
        <small id={`${id}-error`} className="field__error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
