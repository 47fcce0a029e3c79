import Form from '@rjsf/core';
import type {
  FieldTemplateProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
  TranslatableString,
} from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FORMAT_VALIDATORS } from '@veil/schema';
import { Fragment, memo, type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { MaskedFieldTemplate } from '../form/MaskedFieldTemplate.js';
import { MaskContext, type MaskState } from '../form/maskContext.js';
import { PiiTextareaWidget, PiiTextWidget } from '../form/PiiTextareaWidget.js';
import type { PreviewPart, PreviewParts } from './previewParts.js';

/** The record form's validator, widgets and field template (shared with the single-form preview). */
export const PREVIEW_RJSF = {
  validator: customizeValidator({ customFormats: FORMAT_VALIDATORS }),
  widgets: { TextareaWidget: PiiTextareaWidget, TextWidget: PiiTextWidget },
  templates: { FieldTemplate: MaskedFieldTemplate },
};
const { validator, widgets, templates } = PREVIEW_RJSF;

type Translate = (key: TranslatableString, params?: string[]) => string;

/** The root of a one-field form draws nothing of its own: the pane draws the shared root. */
function BareField(props: FieldTemplateProps) {
  return <>{props.children}</>;
}
function BareObject(props: ObjectFieldTemplateProps) {
  return <>{props.properties.map((p) => p.content)}</>;
}
const BARE_ROOT = { 'ui:FieldTemplate': BareField, 'ui:ObjectFieldTemplate': BareObject };

interface PartProps {
  part: PreviewPart;
  mask: MaskState;
  translateString: Translate;
}

/**
 * One top-level field as rjsf draws it, skipped on re-render while its signature holds (the
 * mask it was drawn with then still says the same about its values).
 */
const PreviewPartForm = memo(
  function PreviewPartForm({ part, mask, translateString }: PartProps) {
    return (
      <MaskContext.Provider value={mask}>
        <Form
          className="bld-preview-part"
          schema={part.schema as RJSFSchema}
          uiSchema={{ ...part.uiSchema, ...BARE_ROOT }}
          formData={part.formData}
          validator={validator}
          widgets={widgets}
          templates={templates}
          translateString={translateString}
          noHtml5Validate
        >
          {/* no submit button: a preview saves nothing */}
          <Fragment />
        </Form>
      </MaskContext.Provider>
    );
  },
  (before, after) =>
    before.part.signature === after.part.signature && before.translateString === after.translateString,
);

interface PreviewFormProps {
  parts: PreviewParts;
  mask: MaskState;
  translateString: Translate;
  /** Changes when the whole form must start over (another role or relation). */
  formKey: string;
}

/** Above this many top-level fields the preview renders only the fields in its scroll window. */
const VIRTUAL_PARTS_FROM = 40;
const PART_ESTIMATE_PX = 72;

/**
 * The fields inside the preview's scrolling side panel (`.bld-side`), drawn only while in view.
 * Where the panel does not scroll (narrow screens) its height is the whole list, so all render.
 */
function VirtualParts(props: PreviewFormProps) {
  const { parts } = props.parts;
  const listRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  const scrollElement = () => listRef.current?.closest<HTMLElement>('.bld-side') ?? null;
  const virtualizer = useVirtualizer({
    count: parts.length,
    getScrollElement: scrollElement,
    estimateSize: () => PART_ESTIMATE_PX,
    overscan: 4,
    scrollMargin: margin,
    getItemKey: (index) => parts[index]?.name ?? index,
  });
  // Where the list starts inside the panel (below the role bar, legend and form title); measured
  // only when what sits above it may have moved, not on every edit (it forces a layout).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the deps are the re-measure triggers
  useLayoutEffect(() => {
    const list = listRef.current;
    const scroller = list?.closest<HTMLElement>('.bld-side');
    if (!list || !scroller) return;
    const top = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setMargin((m) => (Math.abs(m - top) < 1 ? m : top));
  }, [parts.length, props.parts.title, props.parts.description]);
  const out: ReactNode[] = [];
  let end = margin;
  for (const v of virtualizer.getVirtualItems()) {
    const part = parts[v.index];
    if (!part) continue;
    if (v.start > end) out.push(<div key={`gap-${v.index}`} aria-hidden style={{ height: v.start - end }} />);
    out.push(
      <div key={`${props.formKey}/${part.name}`} data-index={v.index} ref={virtualizer.measureElement}>
        <PreviewPartForm part={part} mask={props.mask} translateString={props.translateString} />
      </div>,
    );
    end = v.end;
  }
  const total = virtualizer.getTotalSize() + margin;
  if (total > end) out.push(<div key="gap-end" aria-hidden style={{ height: total - end }} />);
  return (
    <div ref={listRef} className="bld-preview-window">
      {out}
    </div>
  );
}

/**
 * The preview form drawn field by field: the same rjsf widgets and field template as the record
 * form, inside the same root fieldset, but an edit re-renders only the fields it changed.
 */
export function PreviewForm(props: PreviewFormProps) {
  const { parts } = props;
  return (
    <div className="rjsf record-form bld-preview-form" data-testid="preview-form">
      <div className="form-group field field-object">
        <fieldset id="root">
          {parts.title && <legend id="root__title">{parts.title}</legend>}
          {parts.description && (
            <div id="root__description" className="field-description">
              {parts.description}
            </div>
          )}
          {parts.parts.length > VIRTUAL_PARTS_FROM ? (
            <VirtualParts {...props} />
          ) : (
            parts.parts.map((part) => (
              <PreviewPartForm
                key={`${props.formKey}/${part.name}`}
                part={part}
                mask={props.mask}
                translateString={props.translateString}
              />
            ))
          )}
        </fieldset>
      </div>
    </div>
  );
}
