import type { UseQueryResult } from "@tanstack/react-query";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Paged } from "../api/pages";
import { PagedItems } from "./PagedItems";
import type { PagedQuery } from "./usePagedQuery";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Thing {
  id: string;
  name: string;
}

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function listOf(state: { data: Paged<Thing> } | { error: Error }): PagedQuery<Thing> {
  const query = "data" in state ? { isPending: false, isError: false, data: state.data } : { isPending: false, isError: true, error: state.error };
  return { paging: { offset: 0, perPage: 2, setOffset: () => {} }, query: query as unknown as UseQueryResult<Paged<Thing>> };
}

function show(list: PagedQuery<Thing>, failed?: string) {
  act(() =>
    root.render(
      <PagedItems
        list={list}
        what="your things"
        failed={failed}
        empty={<p className="empty">Nothing yet.</p>}
        pagerLabel="Thing pages"
        className="thing-list"
        entry={(thing) => <li>{thing.name}</li>}
      />,
    ),
  );
}

describe("a paged list of items", () => {
  it("draws an entry an item in the list element, the pager below it", () => {
    show(listOf({ data: { items: [{ id: "a", name: "Plexi" }, { id: "b", name: "JCM" }], total: 3 } }));
    const list = container.querySelector("ul.thing-list");
    expect([...(list?.children ?? [])].map((li) => li.textContent)).toEqual(["Plexi", "JCM"]);
    expect(list?.nextElementSibling?.getAttribute("aria-label")).toBe("Thing pages");
    expect(container.textContent).toContain("Page 1 of 2");
  });

  it("shows the empty note when the list holds nothing", () => {
    show(listOf({ data: { items: [], total: 0 } }));
    expect(container.innerHTML).toBe('<p class="empty">Nothing yet.</p>');
  });

  it("names a failure after what it lists unless told otherwise", () => {
    show(listOf({ error: new Error("offline") }));
    expect(container.querySelector('[role="alert"] strong')?.textContent).toBe("Your things could not be loaded: ");
    show(listOf({ error: new Error("offline") }), "The things could not be loaded");
    expect(container.querySelector('[role="alert"] strong')?.textContent).toBe("The things could not be loaded: ");
  });
});
