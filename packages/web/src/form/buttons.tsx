import { type IconButtonProps, TranslatableString } from '@rjsf/utils';

function textButton(label: TranslatableString, symbol: string, className: string) {
  return function TextButton({
    registry,
    icon: _icon,
    iconType: _iconType,
    uiSchema: _ui,
    className: extra,
    ...rest
  }: IconButtonProps) {
    const text = registry.translateString(label);
    return (
      <button
        type="button"
        className={`btn ${className} ${extra ?? ''}`}
        title={text}
        aria-label={text}
        {...rest}
      >
        <span aria-hidden="true">{symbol}</span>
        {className === 'btn-add' && <span> {text}</span>}
      </button>
    );
  };
}

/** rjsf's array buttons with text and symbols instead of the default theme's icon font (not shipped). */
export const BUTTON_TEMPLATES = {
  AddButton: textButton(TranslatableString.AddItemButton, '+', 'btn-add'),
  RemoveButton: textButton(TranslatableString.RemoveButton, '✕', 'btn-remove'),
  MoveUpButton: textButton(TranslatableString.MoveUpButton, '↑', 'btn-move'),
  MoveDownButton: textButton(TranslatableString.MoveDownButton, '↓', 'btn-move'),
  CopyButton: textButton(TranslatableString.CopyButton, '⧉', 'btn-move'),
};
