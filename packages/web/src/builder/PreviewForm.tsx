import Form from '@rjsf/core';
import type {
  FieldTemplateProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
  TranslatableString,
} from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { FORMAT_VALIDATORS } from '@veil/schema';
import { Fragment, memo } from 'react';
import { MaskedFieldTemplate } from '../form/MaskedFieldTemplate.js';
import { MaskContext, type MaskState } from '../form/maskContext.js';
import { PiiTextareaWidget } from '../form/PiiTextareaWidget.js';
import type { PreviewPart, PreviewParts } from './previewParts.js';

/** The record form's validator, widgets and field template (shared with the single-form preview). */
export const PREVIEW_RJSF = {
  validator: customizeValidator({ customFormats: FORMAT_VALIDATORS }),
  widgets: { TextareaWidget: PiiTextareaWidget },
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

/**
 * The preview form drawn field by field: the same rjsf widgets and field template as the record
 * form, inside the same root fieldset, but an edit re-renders only the fields it changed.
 */
export function PreviewForm(props: {
  parts: PreviewParts;
  mask: MaskState;
  translateString: Translate;
  /** Changes when the whole form must start over (another role or relation). */
  formKey: string;
}) {
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
          {parts.parts.map((part) => (
            <PreviewPartForm
              key={`${props.formKey}/${part.name}`}
              part={part}
              mask={props.mask}
              translateString={props.translateString}
            />
          ))}
        </fieldset>
      </div>
    </div>
  );
}
