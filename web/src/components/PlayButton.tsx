/** A Play/Pause toggle with its icon, labelled with what it plays ("Play Plexi DI"). */
export interface PlayButtonProps {
  /** the player's class: the button is `${block}__play`, its icon `${block}__icon`, its word `${block}__play-text` */
  block: string;
  /** the button's look, e.g. `button--small` */
  look: string;
  playing: boolean;
  disabled: boolean;
  label: string;
  onClick: () => void;
}

export function PlayButton({ block, look, playing, disabled, label, onClick }: PlayButtonProps) {
  const word = playing ? "Pause" : "Play";
  return (
    <button type="button" className={`button ${look} ${block}__play`} onClick={onClick} disabled={disabled} aria-label={`${word} ${label}`}>
      <span aria-hidden="true" className={playing ? `${block}__icon ${block}__icon--pause` : `${block}__icon`} />
      <span className={`${block}__play-text`}>{word}</span>
    </button>
  );
}
