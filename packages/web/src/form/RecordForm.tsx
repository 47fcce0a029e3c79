import type { IChangeEvent } from '@rjsf/core';
import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { FORMAT_VALIDATORS, type JsonSchema } from '@veil/schema';
import { useMemo, useState } from 'react';
import type { FormInfo } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { BUTTON_TEMPLATES } from './buttons.js';
import { localizeErrors } from './localizeErrors.js';
import { MaskedFieldTemplate } from './MaskedFieldTemplate.js';
import { MaskContext, type MaskState } from './maskContext.js';
import { PiiTextareaWidget } from './PiiTextareaWidget.js';
import { schemaPathOf, valuePointerOf } from './pointers.js';
import { relaxMasked } from './relaxMasked.js';
import { translateRjsf } from './translateRjsf.js';

const validator = customizeValidator({ customFormats: FORMAT_VALIDATORS });
const widgets = { TextareaWidget: PiiTextareaWidget };
const templates = { FieldTemplate: MaskedFieldTemplate, ButtonTemplates: BUTTON_TEMPLATES };

export interface RecordFormProps {
  form: FormInfo;
  /** The projected data as loaded. */
  data: Record<string, unknown>;
  masked: readonly string[];
  revealable: readonly string[];
  revealed: ReadonlyMap<string, unknown>;
  onReveal: (pointer: string) => void;
  onSubmit: (data: Record<string, unknown>) => void;
  busy: boolean;
}

/** The generated form: projected, localized schema; masked values locked; Ajv messages in the user's language. */
export function RecordForm(props: RecordFormProps) {
  const { t, locale } = useI18n();
  const [formData, setFormData] = useState<Record<string, unknown>>(props.data);
  const schema = useMemo(
    () =>
      relaxMasked(
        props.form.schema,
        props.masked.map((p) => schemaPathOf(props.data, p)),
        props.form.uiSchema,
      ) as JsonSchema,
    [props.form.schema, props.form.uiSchema, props.masked, props.data],
  );
  const mask = useMemo<MaskState>(
    () => ({
      masked: new Set(props.masked),
      revealable: new Set(props.revealable),
      revealed: props.revealed,
      reveal: props.onReveal,
      pointerOf: (path) => valuePointerOf(formData, path),
    }),
    [props.masked, props.revealable, props.revealed, props.onReveal, formData],
  );
  const transformErrors = useMemo(() => localizeErrors(t, locale), [t, locale]);
  const translateString = useMemo(() => translateRjsf(t), [t]);
  return (
    <MaskContext.Provider value={mask}>
      <Form
        className="record-form"
        schema={schema as never}
        uiSchema={props.form.uiSchema}
        formData={formData}
        validator={validator}
        widgets={widgets}
        templates={templates}
        transformErrors={transformErrors}
        translateString={translateString}
        showErrorList="top"
        noHtml5Validate
        onChange={(e: IChangeEvent) => setFormData(e.formData as Record<string, unknown>)}
        onSubmit={(e: IChangeEvent) => props.onSubmit(e.formData as Record<string, unknown>)}
      >
        <div className="form-actions">
          <button type="submit" className="primary" disabled={props.busy}>
            {props.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </Form>
    </MaskContext.Provider>
  );
}
