/** One DI's pictures in the results: the spectrum plot and each chain's card, each opening full size. */
import type { DiResults } from "./results";

/** A picture that opens full size in a new tab. */
function FullSizeImage({ url, alt }: { url: string | undefined; alt: string }) {
  return (
    <a href={url} target="_blank" rel="noreferrer">
      <img src={url} alt={alt} />
    </a>
  );
}

export function DiPictures({ group, many }: { group: DiResults; many: boolean }) {
  return (
    <div className="results__pictures">
      {many && <h4>{group.diName}</h4>}
      {group.spectrum && (
        <figure className="results__spectrum">
          <FullSizeImage
            url={group.spectrum.url}
            alt={`Spectrum plot comparing the frequency balance of ${group.takes.map((t) => t.name).join(", ")} (opens full size)`}
          />
          <figcaption className="muted">Frequency balance of each chain, loudness-matched.</figcaption>
        </figure>
      )}
      {(group.takes.some((t) => t.card) || group.looseCards.length > 0) && (
        <ul className="results__cards" aria-label="Chain cards">
          {group.takes
            .filter((t) => t.card)
            .map((t) => (
              <li key={t.card?.id}>
                <FullSizeImage
                  url={t.card?.url}
                  alt={`Card for ${t.name}${t.hidden ? "" : ": its blocks and measurements"} (opens full size)`}
                />
              </li>
            ))}
          {group.looseCards.map((card, n) => (
            <li key={card.id}>
              <FullSizeImage url={card.url} alt={`Card ${n + 1} of the blind test (opens full size)`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
