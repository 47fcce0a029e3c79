import { type IconButtonProps, TranslatableString } from '@rjsf/utils';

interface TextButtonProps extends IconButtonProps {
  label: TranslatableString;
  symbol: string;
  kind: 'btn-add' | 'btn-remove' | 'btn-move';
}

function TextButton({
  label,
  symbol,
  kind,
  registry,
  icon: _icon,
  iconType: _iconType,
  uiSchema: _ui,
  className,
  ...rest
}: TextButtonProps) {
  const text = registry.translateString(label);
  return (
    <button
      type="button"
      className={`btn ${kind} ${className ?? ''}`}
      title={text}
      aria-label={text}
      {...rest}
    >
      <span aria-hidden="true">{symbol}</span>
      {kind === 'btn-add' && <span> {text}</span>}
    </button>
  );
}

/** rjsf's array buttons with text and symbols instead of the default theme's icon font (not shipped). */
export const BUTTON_TEMPLATES = {
  AddButton: (p: IconButtonProps) => (
    <TextButton {...p} label={TranslatableString.AddItemButton} symbol="+" kind="btn-add" />
  ),
  RemoveButton: (p: IconButtonProps) => (
    <TextButton {...p} label={TranslatableString.RemoveButton} symbol="✕" kind="btn-remove" />
  ),
  MoveUpButton: (p: IconButtonProps) => (
    <TextButton {...p} label={TranslatableString.MoveUpButton} symbol="↑" kind="btn-move" />
  ),
  MoveDownButton: (p: IconButtonProps) => (
    <TextButton {...p} label={TranslatableString.MoveDownButton} symbol="↓" kind="btn-move" />
  ),
  CopyButton: (p: IconButtonProps) => (
    <TextButton {...p} label={TranslatableString.CopyButton} symbol="⧉" kind="btn-move" />
  ),
};
